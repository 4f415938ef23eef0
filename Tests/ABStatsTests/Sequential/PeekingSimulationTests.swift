import Testing
@testable import ABStats

/// A/A experiments looked at every day: the always-valid test and the group-sequential
/// boundaries keep the false-positive rate at alpha, a fixed-horizon test re-run every day does not.
@Suite("Peeking at simulated A/A experiments")
struct PeekingSimulationTests {
    static let runs = 1000, looks = 20, dailyUnitsPerArm = 500, rate = 0.10, alpha = 0.05

    struct Rates { var alwaysValid = 0, groupSequential = 0, naive = 0 }

    /// Simulates the runs with per-look sufficient statistics (daily binomial draws per arm).
    static func simulate(seed: UInt64) throws -> Rates {
        let random = SeededRandom(seed: seed)
        let sequence = try MixtureConfidenceSequence(alpha: alpha, plannedUnits: 2 * looks * dailyUnitsPerArm)
        let design = try GroupSequentialDesign(looks: looks, alpha: alpha, spending: .obrienFleming)
        var rates = Rates()
        for _ in 0..<runs {
            var control = (units: 0, conversions: 0), variant = (units: 0, conversions: 0)
            var flagged = (alwaysValid: false, groupSequential: false, naive: false)
            for look in 0..<looks {
                control.units += dailyUnitsPerArm
                control.conversions += random.binomial(trials: dailyUnitsPerArm, probability: rate)
                variant.units += dailyUnitsPerArm
                variant.conversions += random.binomial(trials: dailyUnitsPerArm, probability: rate)
                let c = try ProportionSample(units: control.units, conversions: control.conversions)
                let v = try ProportionSample(units: variant.units, conversions: variant.conversions)
                let fixed = try TwoProportionZTest.compare(control: c, variant: v, alpha: alpha)
                flagged.naive = flagged.naive || fixed.pValue < alpha
                flagged.groupSequential = flagged.groupSequential || abs(fixed.statistic ?? 0) >= design.boundaries[look]
                let alwaysValid = try sequence.compare(control: c, variant: v)
                flagged.alwaysValid = flagged.alwaysValid || alwaysValid.pValue < alpha
            }
            if flagged.alwaysValid { rates.alwaysValid += 1 }
            if flagged.groupSequential { rates.groupSequential += 1 }
            if flagged.naive { rates.naive += 1 }
        }
        return rates
    }

    @Test("1,000 A/A runs with 20 daily looks: sequential methods stay within alpha, naive peeking inflates it")
    func peeking() throws {
        let rates = try Self.simulate(seed: 20_261_123)
        // Under a true rate of alpha, the count of false positives exceeds this with probability < 1%.
        let upper99 = try Binomial(trials: Self.runs, probability: Self.alpha).quantile(0.99)
        print("A/A peeking, \(Self.runs) runs × \(Self.looks) looks: always-valid \(rates.alwaysValid), "
            + "O'Brien–Fleming group-sequential \(rates.groupSequential), naive fixed-horizon \(rates.naive) "
            + "false positives (99% upper bound at alpha: \(upper99))")
        #expect(rates.alwaysValid <= upper99)
        #expect(rates.groupSequential <= upper99)
        // Naive peeking at 20 looks roughly triples the error rate; demand at least double.
        #expect(rates.naive >= 2 * Int(Double(Self.runs) * Self.alpha))
    }
}
