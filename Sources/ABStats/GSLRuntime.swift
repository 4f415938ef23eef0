internal import CGSL

/// One-time GSL set-up shared by every ABStats entry point that calls GSL.
///
/// GSL's default error handler aborts the process. ABStats switches it off once, so
/// that GSL functions return their status codes (or NaN) and ABStats turns those
/// into `StatsError` values.
enum GSLRuntime {
    /// Evaluated lazily and exactly once (Swift globals and statics are initialised atomically).
    private static let handlerDisabled: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure GSL's abort-on-error handler is off. Cheap after the first call.
    @inline(__always)
    static func prepare() {
        _ = handlerDisabled
    }

    /// Converts a GSL status code into a `StatsError`, or returns when it is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ function: String) throws {
        guard status != GSL_SUCCESS else { return }
        let reason = String(cString: gsl_strerror(status))
        throw StatsError.numerical(function: function, reason: reason)
    }
}
