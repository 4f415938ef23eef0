import Foundation
internal import CGSL

/// Adaptive Gauss–Kronrod quadrature with known break points (GSL's QAGP).
///
/// QAGP bisects where the error is largest and extrapolates with the epsilon algorithm, so it
/// copes with integrable end-point singularities (Beta densities with a shape below 1) and with
/// narrow features, provided the caller places break points at them.
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

    /// ∫ f over [points.first, points.last], split at the points in between.
    ///
    /// GSL's "round-off" and "too many subdivisions" statuses are accepted when its own error
    /// estimate still meets `acceptableError`: tight tolerances on a value near 0 or 1 often
    /// trip them although the result is accurate.
    func integrate(
        _ f: (Double) -> Double, breakpoints points: [Double],
        absoluteTolerance: Double = 1e-13, relativeTolerance: Double = 1e-11,
        acceptableError: Double = 1e-9, name: String
    ) throws -> Double {
        var points = points.sorted().reduce(into: [Double]()) { kept, x in
            if kept.last.map({ x > $0 }) ?? true { kept.append(x) }
        }
        guard points.count >= 2 else { return 0 }
        var result = 0.0, error = 0.0
        let status = GSLFunction.with(f) { function in
            gsl_integration_qagp(function, &points, points.count, absoluteTolerance, relativeTolerance,
                                 limit, workspace, &result, &error)
        }
        if status != GSL_SUCCESS, !(result.isFinite && error <= acceptableError) {
            try GSLRuntime.check(status, "gsl_integration_qagp (\(name))")
        }
        return try StatsError.checked(result, name)
    }
}
