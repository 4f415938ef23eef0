/// Wilson score intervals, and Newcombe's hybrid score interval for a difference of two proportions.
public enum WilsonInterval {
    /// The Wilson score interval of a single proportion at the given two-sided critical value.
    public static func single(_ sample: ProportionSample, critical z: Double) -> ConfidenceInterval {
        let n = Double(sample.units), x = Double(sample.conversions)
        let z2 = z * z
        let denominator = n + z2
        let center = (x + z2 / 2) / denominator
        let halfWidth = z / denominator * (x * (n - x) / n + z2 / 4).squareRoot()
        return ConfidenceInterval(lower: max(0, center - halfWidth), upper: min(1, center + halfWidth))
    }

    /// Newcombe's method 10 interval of variant − control, as statsmodels
    /// `confint_proportions_2indep(method="newcomb")`. Unlike the Wald interval it stays
    /// informative with zero or all conversions.
    public static func newcombeDifference(
        control: ProportionSample, variant: ProportionSample, critical z: Double
    ) -> ConfidenceInterval {
        let pv = variant.rate, pc = control.rate
        let v = single(variant, critical: z), c = single(control, critical: z)
        let difference = pv - pc
        let lower = difference - ((pv - v.lower) * (pv - v.lower) + (c.upper - pc) * (c.upper - pc)).squareRoot()
        let upper = difference + ((v.upper - pv) * (v.upper - pv) + (pc - c.lower) * (pc - c.lower)).squareRoot()
        return ConfidenceInterval(lower: lower, upper: upper)
    }
}
