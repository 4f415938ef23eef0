import Foundation

/// Polishes quantiles that GSL's inversions return approximately, or not at all.
///
/// GSL's `*_Pinv`/`*_Qinv` lose several digits far in the tails (t with one degree of freedom
/// at 1e-12 is off by 1e-5 relative) and return NaN for beta laws with ~1e9 units, which is
/// exactly where an experiment's posterior lives. ABStats therefore treats GSL's answer as a
/// starting point and solves log(tail(x)) = log(target) by a safeguarded Newton iteration
/// inside a bracket, using the tail that keeps full relative precision.
extension ContinuousDistribution {
    /// The x with P(X ≤ x) = p: solved on the lower tail for p ≤ 1/2, on the upper tail otherwise.
    func refinedQuantile(_ p: Double, start: Double, support: ClosedRange<Double>) -> Double {
        if p <= 0.5 {
            return solveTail(target: p, upperTail: false, start: start, support: support)
        }
        return solveTail(target: 1 - p, upperTail: true, start: start, support: support)
    }

    /// The x with P(X > x) = q.
    func refinedInverseSF(_ q: Double, start: Double, support: ClosedRange<Double>) -> Double {
        if q <= 0.5 {
            return solveTail(target: q, upperTail: true, start: start, support: support)
        }
        return solveTail(target: 1 - q, upperTail: false, start: start, support: support)
    }

    private func solveTail(target: Double, upperTail: Bool, start: Double, support: ClosedRange<Double>) -> Double {
        var low = support.lowerBound, high = support.upperBound
        var x = start.isFinite && start > low && start < high ? start : midpoint(low, high)
        let logTarget = log(target)
        for _ in 0..<300 {
            let tail = upperTail ? sf(x) : cdf(x)
            // g increases with x: log cdf − log p, or log p − log sf.
            let difference = log(tail) - logTarget
            let g = upperTail ? -difference : difference
            if g == 0 { return x }
            if g > 0 { high = x } else { low = x }
            let density = pdf(x)
            var next = x - g * tail / density
            if !next.isFinite || next <= low || next >= high || density <= 0 || tail <= 0 {
                next = midpoint(low, high)
            }
            if abs(next - x) <= 4 * Double.ulpOfOne * abs(x) || next == low || next == high {
                return next
            }
            x = next
        }
        return x
    }

    /// A point strictly inside (low, high), stepping out geometrically when a side is unbounded.
    private func midpoint(_ low: Double, _ high: Double) -> Double {
        switch (low.isFinite, high.isFinite) {
        case (true, true): return low + (high - low) / 2
        case (false, true): return high - max(1, abs(high))
        case (true, false): return low + max(1, abs(low))
        case (false, false): return 0
        }
    }
}
