internal import CGSL

/// Finds a root of a continuous function inside a bracket with GSL's Brent solver.
///
/// The Swift closure reaches GSL's C callback through an unmanaged context box; the solver
/// object is allocated and freed within one call, so nothing outlives it.
enum BrentRoot {
    /// The x in `bracket` with f(x) = 0, to within `tolerance` in x (absolute) or 1e-12 relative.
    ///
    /// f must be finite on the bracket and have opposite signs (or zero) at its ends; an end
    /// where f is exactly 0 is returned as is.
    static func solve(
        in bracket: ClosedRange<Double>, tolerance: Double = 1e-11, name: String,
        _ f: @escaping (Double) -> Double
    ) throws -> Double {
        GSLRuntime.prepare()
        let low = f(bracket.lowerBound), high = f(bracket.upperBound)
        guard low.isFinite, high.isFinite else {
            throw StatsError.numerical(function: name, reason: "the function is not finite at the ends of [\(bracket.lowerBound), \(bracket.upperBound)]")
        }
        if low == 0 { return bracket.lowerBound }
        if high == 0 { return bracket.upperBound }
        guard (low < 0) != (high < 0) else {
            throw StatsError.numerical(function: name, reason: "no sign change on [\(bracket.lowerBound), \(bracket.upperBound)]")
        }
        guard let solver = gsl_root_fsolver_alloc(abkit_root_fsolver_brent()) else {
            throw StatsError.numerical(function: name, reason: "GSL could not allocate a root solver")
        }
        defer { gsl_root_fsolver_free(solver) }

        let box = Unmanaged.passRetained(Callback(f))
        defer { box.release() }
        var function = gsl_function(
            function: { x, context in
                Unmanaged<Callback>.fromOpaque(context!).takeUnretainedValue().f(x)
            },
            params: box.toOpaque())
        try GSLRuntime.check(gsl_root_fsolver_set(solver, &function, bracket.lowerBound, bracket.upperBound), name)
        for _ in 0..<200 {
            try GSLRuntime.check(gsl_root_fsolver_iterate(solver), name)
            let lower = gsl_root_fsolver_x_lower(solver), upper = gsl_root_fsolver_x_upper(solver)
            if gsl_root_test_interval(lower, upper, tolerance, 1e-12) == GSL_SUCCESS {
                return gsl_root_fsolver_root(solver)
            }
        }
        throw StatsError.numerical(function: name, reason: "Brent's method did not converge in 200 iterations")
    }

    private final class Callback {
        let f: (Double) -> Double
        init(_ f: @escaping (Double) -> Double) { self.f = f }
    }
}
