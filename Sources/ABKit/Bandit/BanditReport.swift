import ABSummary

/// What `abkit bandit` recommends: next-period weights per arm for the primary metric.
package struct BanditReport: Codable, Sendable, Equatable {
    /// The experiment id.
    package var experiment: String
    /// The primary metric the posteriors are of.
    package var metric: String
    /// `proportion` (Beta posteriors) or `mean` (flat-prior normal posteriors).
    package var type: StatisticShape
    /// The minimum weight per arm.
    package var floor: Double
    /// The Beta prior [a, b] of rates.
    package var prior: [Double]
    /// One entry per arm, in the experiment file's variant order.
    package var arms: [Arm]
    /// The file the weights were written to, with `--write`.
    package var written: String?

    /// Creates a report.
    package init(experiment: String, metric: String, type: StatisticShape, floor: Double, prior: [Double], arms: [Arm], written: String?) {
        self.experiment = experiment
        self.metric = metric
        self.type = type
        self.floor = floor
        self.prior = prior
        self.arms = arms
        self.written = written
    }

    /// One arm's posterior summary and weights.
    package struct Arm: Codable, Sendable, Equatable {
        /// The variant key.
        package var key: String
        /// Units observed.
        package var units: Int
        /// Conversions, for proportions.
        package var conversions: Int?
        /// Observed rate or mean; absent without units.
        package var mean: Double?
        /// Posterior mean of the rate or mean.
        package var posteriorMean: Double
        /// P(this arm is best), by exact quadrature.
        package var chanceToBeBest: Double
        /// The weight in the experiment file now.
        package var currentWeight: Double
        /// The recommended weight, rounded to 4 decimals; the arms' weights sum to 1 exactly.
        package var weight: Double

        /// Creates an arm's entry.
        package init(
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
