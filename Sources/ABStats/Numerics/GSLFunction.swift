internal import CGSL

/// Hands a Swift closure to GSL as a `gsl_function`.
///
/// GSL calls back through a C function pointer with an opaque parameter; the closure travels
/// in a boxed object that lives exactly as long as `body` runs.
enum GSLFunction {
    private final class Box {
        let evaluate: (Double) -> Double
        init(_ evaluate: @escaping (Double) -> Double) { self.evaluate = evaluate }
    }

    /// Calls `body` with a `gsl_function` that evaluates `f`.
    static func with<Result>(
        _ f: (Double) -> Double, _ body: (UnsafeMutablePointer<gsl_function>) throws -> Result
    ) rethrows -> Result {
        try withoutActuallyEscaping(f) { escapable in
            let box = Box(escapable)
            return try withExtendedLifetime(box) {
                var function = gsl_function(
                    function: { x, parameters in
                        Unmanaged<Box>.fromOpaque(parameters!).takeUnretainedValue().evaluate(x)
                    },
                    params: Unmanaged.passUnretained(box).toOpaque())
                return try body(&function)
            }
        }
    }
}
