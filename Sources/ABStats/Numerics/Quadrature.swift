import Foundation
internal import CGSL

/// Adaptive Gauss–Kronrod quadrature over consecutive break points (GSL's QAG on each piece).
///
/// Each piece is bisected where its error is largest, without QAGS/QAGP's epsilon-algorithm
/// extrapolation: that extrapolation takes a density like x^(−½) whose singularity lies just
/// outside a piece for one at its end, and then adds the mass in between (1e-6 for a Beta(½, 40)
/// cut at its 1e-6 quantile). Callers place break points at every feature instead, geometrically
/// spaced towards a singular end.
final class Quadrature {
    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>
    private let limit: Int

    /// Allocates a workspace for up to `limit` subintervals.
    init(limit: Int = 2_000) throws {
        GSLRuntime.prepare()
        guard let workspace = gsl_integration_workspace_alloc(limit) else {
            throw StatsError.numerical(function: "gsl_integration_workspace_alloc", reason: "out of memory")
        }
        self.workspace = workspace
        self.limit = limit
    }

    deinit { gsl_integration_workspace_free(workspace) }

    /// ∫ f over [points.first, points.last], as the sum over the pieces between the points.
    ///
    /// GSL's "round-off" and "too many subdivisions" statuses are accepted when its own error
    /// estimate still meets `acceptableError`: tight tolerances on a value near 0 or 1 often
    /// trip them although the result is accurate.
    func integrate(
        _ f: (Double) -> Double, breakpoints points: [Double],
        absoluteTolerance: Double = 1e-14, relativeTolerance: Double = 1e-11,
        acceptableError: Double = 1e-10, name: String
    ) throws -> Double {
        let points = points.sorted().reduce(into: [Double]()) { kept, x in
            if kept.last.map({ x > $0 }) ?? true { kept.append(x) }
        }
        guard points.count >= 2 else { return 0 }
        var total = 0.0
        try GSLFunction.with(f) { function in
            for (low, high) in zip(points, points.dropFirst()) {
                var result = 0.0, error = 0.0
                let status = gsl_integration_qag(
                    function, low, high, absoluteTolerance, relativeTolerance, limit, Int32(GSL_INTEG_GAUSS21),
                    workspace, &result, &error)
                if status != GSL_SUCCESS, !(result.isFinite && error <= acceptableError) {
                    try GSLRuntime.check(status, "gsl_integration_qag (\(name))")
                }
                total += result
            }
        }
        return try StatsError.checked(total, name)
    }
}
