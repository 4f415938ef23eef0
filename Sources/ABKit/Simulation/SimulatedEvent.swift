/// How the simulator generates one event type for a user: once, from one model, whatever
/// number of metrics read it, so that an effect planned on one metric reaches every metric
/// counting the same event (a conversion and a funnel step on `first_project_created`, a
/// conversion and a count on `session_start`).
///
/// A user does the event with probability `probability` (given its `parent`, a funnel's previous
/// step, was done), times the user's engagement, the variant's lift and the night penalty; then
/// once at a delay after the parent, `extra` more times on average, once in each retention day
/// range, each with an amount when a metric sums a property. Every metric of the event is then a
/// multiple of that probability, so a relative lift of it is the same relative lift of each metric.
struct SimulatedEvent: Sendable {
    /// The event name.
    var name: String
    /// The funnel step that must come first (nil: the exposure).
    var parent: String?
    /// P(the user does it at least once | the parent was done), before engagement and lift.
    var probability: Double
    /// The unconditional probability a metric's `--baseline` asked for, resolved into `probability`
    /// (divided by the share of users who reach the parent).
    var target: Double?
    /// Mean number of further occurrences (Poisson) after the first.
    var extra: Double
    /// Mean delay of the first occurrence after the parent, in seconds.
    var delayMean: Double
    /// The span after the first occurrence over which further occurrences fall, in seconds.
    var spread: Double
    /// Day ranges after exposure (retention metrics) in each of which an active user has one occurrence.
    var retentionDays: [ClosedRange<Int>] = []
    /// The property a sum or mean metric reads, with the mean amount per occurrence.
    var amount: (field: String, mean: Double)?
    /// For a ratio's numerator: generated per occurrence of this denominator event, with this probability.
    var perOccurrenceOf: (event: String, rate: Double)?
    /// The span before exposure (seconds) over which the same model runs again, for CUPED covariates.
    var preExposureSeconds: Double?
    /// Relative lift per variant key (1 = none).
    var lift: [String: Double] = [:]
    /// Whether the night penalty applies (the primary metric's event only: it must not move
    /// guardrails that do not count the same event).
    var nightSensitive = false
}
