import Foundation
internal import CGSL

/// Brent's method on a bracket (GSL's `gsl_root_fsolver_brent`).
enum RootFinder {
    /// The x in `bracket` with f(x) = 0; f must change sign over the bracket.
    ///
    /// Stops when the bracket is narrower than `absoluteTolerance + relativeTolerance·|x|`.
    static func brent(
        _ f: (Double) -> Double, in bracket: ClosedRange<Double>,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-14, name: String
    ) throws -> Double {
        GSLRuntime.prepare()
        let low = f(bracket.lowerBound), high = f(bracket.upperBound)
        if low == 0 { return bracket.lowerBound }
        if high == 0 { return bracket.upperBound }
        guard low.isFinite, high.isFinite, (low < 0) != (high < 0) else {
            throw StatsError.notComputable(
                test: name, reason: "no solution in [\(bracket.lowerBound), \(bracket.upperBound)] (f = \(low) and \(high) at its ends)")
        }
        guard let solver = gsl_root_fsolver_alloc(abkit_root_fsolver_brent()) else {
            throw StatsError.numerical(function: "gsl_root_fsolver_alloc", reason: "out of memory")
        }
        defer { gsl_root_fsolver_free(solver) }
        return try GSLFunction.with(f) { function in
            try GSLRuntime.check(gsl_root_fsolver_set(solver, function, bracket.lowerBound, bracket.upperBound), name)
            for _ in 0..<500 {
                try GSLRuntime.check(gsl_root_fsolver_iterate(solver), name)
                let lower = gsl_root_fsolver_x_lower(solver), upper = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lower, upper, absoluteTolerance, relativeTolerance) == GSL_SUCCESS || lower == upper {
                    return try StatsError.checked(gsl_root_fsolver_root(solver), name)
                }
            }
            throw StatsError.numerical(function: name, reason: "Brent's method did not converge in 500 iterations")
        }
    }
}
