import ABSummary

/// What `abkit bandit` recommends: next-period weights per arm for the primary metric.
public struct BanditReport: Codable, Sendable, Equatable {
    /// The experiment id.
    public var experiment: String
    /// The primary metric the posteriors are of.
    public var metric: String
    /// `proportion` (Beta posteriors) or `mean` (flat-prior normal posteriors).
    public var type: StatisticShape
    /// The minimum weight per arm.
    public var floor: Double
    /// The Beta prior [a, b] of rates.
    public var prior: [Double]
    /// One entry per arm, in the experiment file's variant order.
    public var arms: [Arm]
    /// The file the weights were written to, with `--write`.
    public var written: String?

    /// Creates a report.
    public init(experiment: String, metric: String, type: StatisticShape, floor: Double, prior: [Double], arms: [Arm], written: String?) {
        self.experiment = experiment
        self.metric = metric
        self.type = type
        self.floor = floor
        self.prior = prior
        self.arms = arms
        self.written = written
    }

    /// One arm's posterior summary and weights.
    public struct Arm: Codable, Sendable, Equatable {
        /// The variant key.
        public var key: String
        /// Units observed.
        public var units: Int
        /// Conversions, for proportions.
        public var conversions: Int?
        /// Observed rate or mean; absent without units.
        public var mean: Double?
        /// Posterior mean of the rate or mean.
        public var posteriorMean: Double
        /// P(this arm is best), by exact quadrature.
        public var chanceToBeBest: Double
        /// The weight in the experiment file now.
        public var currentWeight: Double
        /// The recommended weight, rounded to 4 decimals; the arms' weights sum to 1 exactly.
        public var weight: Double

        /// Creates an arm's entry.
        public init(
            key: String, units: Int, conversions: Int?, mean: Double?, posteriorMean: Double, chanceToBeBest: Double,
            currentWeight: Double, weight: Double
        ) {
            self.key = key
            self.units = units
            self.conversions = conversions
            self.mean = mean
            self.posteriorMean = posteriorMean
            self.chanceToBeBest = chanceToBeBest
            self.currentWeight = currentWeight
            self.weight = weight
        }
    }
}
