import ABSummary
import ABStats
import Foundation

/// Applies a `DecisionPolicy` to an `AnalysisResult`.
///
/// Precedence: any blocking rule (SRM, assignment drift, guardrail breach, the primary metric
/// credibly worse for every variant) blocks; otherwise
/// too few units or an unfinished planned duration is inconclusive; otherwise the verdict is
/// ship when a ship rule holds for the primary metric's best variant, and inconclusive when not.
public struct DecisionEngine: Sendable {
    /// The policy.
    public let policy: DecisionPolicy

    /// Creates an engine.
    public init(policy: DecisionPolicy) { self.policy = policy }

    /// The verdict with one outcome per rule. `assignmentDrift` is the share of units whose
    /// logged variant disagreed with re-assignment, when known; `now` is the evaluation time.
    public func decide(_ result: AnalysisResult, assignmentDrift: Double? = nil, now: Date = Date()) -> DecisionResult {
        var outcomes: [RuleOutcome] = []
        outcomes.append(sampleRatioRule(result))
        if let limit = policy.maximumAssignmentDrift { outcomes.append(driftRule(assignmentDrift, limit: limit)) }
        outcomes += policy.guardrails.map { guardrailRule($0, result) }
        outcomes += policy.nonInferiorityMetrics.map { nonInferiorityRule($0, result) }
        outcomes.append(unitsRule(result))
        if let end = policy.plannedEnd { outcomes.append(durationRule(end, now: now)) }
        outcomes.append(shipRule(result))

        let verdict: Verdict
        if outcomes.contains(where: { $0.status == .blocked }) {
            verdict = .block
        } else if outcomes.contains(where: { $0.status == .pending }) {
            verdict = .inconclusive
        } else {
            verdict = .ship
        }
        var decision = DecisionResult(verdict: verdict, reasons: outcomes.map(\.message), rules: outcomes)
        if verdict == .inconclusive, let progress = powerProgress(result) {
            decision.power = progress
            decision.reasons.append(
                "power: \(NumberFormatting.percent(progress.achievedPower)) to detect the planned "
                    + "\(NumberFormatting.signedPercent(progress.plannedRelativeEffect)) on \(policy.primaryMetric) now; "
                    + "\(NumberFormatting.count(progress.unitsPerVariantNeeded)) units per variant give "
                    + "\(NumberFormatting.percent(progress.targetPower)), \(NumberFormatting.count(progress.unitsPerVariantStillNeeded)) more to go")
        }
        return decision
    }

    /// Power so far and units still needed for the planned relative effect on the primary metric,
    /// from control's observed rate (or mean and standard deviation) and the smallest variant.
    private func powerProgress(_ result: AnalysisResult) -> PowerProgress? {
        guard let effect = policy.plannedRelativeEffect,
            let metric = result.metrics.first(where: { $0.id == policy.primaryMetric }),
            let control = metric.variants.first, let smallest = metric.variants.map(\.units).min(), smallest > 0
        else { return nil }
        let target = 0.8
        do {
            let model: PowerCalculator.Metric
            switch metric.type {
            case .proportion: model = .proportion(baseline: control.mean)
            case .mean:
                guard let sd = control.standardDeviation else { return nil }
                model = .mean(mean: control.mean, standardDeviation: sd)
            default: return nil
            }
            let alternative: Alternative = result.settings.alternative
            let calculator = try PowerCalculator(metric: model, test: try NormalIndPower(alpha: result.settings.alpha, alternative: alternative))
            let lift = PowerCalculator.Lift.relative(policy.primaryGoal == .increase ? effect : -effect)
            let achieved = try calculator.power(lift: lift, nobs1: Double(smallest))
            let needed = try calculator.sampleSize(lift: lift, power: target).controlUnits
            return PowerProgress(
                plannedRelativeEffect: effect, achievedPower: achieved, targetPower: target,
                unitsPerVariantNeeded: needed, unitsPerVariantStillNeeded: max(0, needed - smallest))
        } catch {
            return nil
        }
    }

    // MARK: Rules

    /// Why a rule on `metric` must wait, when the metric is not measurable yet: a rule on a
    /// metric whose windows have not closed neither passes nor is skipped, or a guardrail could
    /// let a rollout through before it can see harm.
    private func maturing(_ metric: String, _ result: AnalysisResult) -> String? {
        if let entry = result.maturingMetrics?.first(where: { $0.id == metric && $0.dimension == nil }) { return entry.sentence }
        // Still maturing with fewer matured units than the minimum: a handful of early units cannot show harm yet.
        let minimum = policy.minimumUnitsPerVariant
        guard let measured = result.metrics.first(where: { $0.id == metric && $0.dimension == nil }),
            let thin = measured.variants.first(where: { ($0.maturing ?? 0) > 0 && $0.units < minimum })
        else { return nil }
        return "\(metric): not measurable yet: \(thin.key) has \(NumberFormatting.count(thin.units)) units whose window has closed "
            + "(\(NumberFormatting.count(thin.maturing ?? 0)) still maturing) < \(NumberFormatting.count(minimum)) required per variant"
    }

    private func sampleRatioRule(_ result: AnalysisResult) -> RuleOutcome {
        guard let srm = result.srm else {
            return RuleOutcome(rule: "srm", status: .skipped, message: "sample ratio: not checked (no weights)")
        }
        let p = NumberFormatting.pValue(srm.pValue)
        guard srm.mismatch else {
            return RuleOutcome(rule: "srm", status: .passed, message: "sample ratio: ok (p = \(p) ≥ \(NumberFormatting.number(srm.threshold)))")
        }
        let detail = srm.observed.entries.map { entry in
            "\(entry.key) \(entry.value) vs \(NumberFormatting.number(srm.expected[entry.key] ?? 0, digits: 6)) expected"
        }.joined(separator: ", ")
        return RuleOutcome(
            rule: "srm", status: policy.blockOnSampleRatioMismatch ? .blocked : .passed,
            message: "sample ratio mismatch: p = \(p) < \(NumberFormatting.number(srm.threshold)) (\(detail))")
    }

    private func driftRule(_ drift: Double?, limit: Double) -> RuleOutcome {
        guard let drift else {
            return RuleOutcome(rule: "assignment-drift", status: .skipped, message: "assignment drift: not measured (needs logged exposures and re-assignment)")
        }
        let text = "assignment drift \(NumberFormatting.percent(drift)) of units"
        return drift > limit
            ? RuleOutcome(rule: "assignment-drift", status: .blocked, message: "\(text) > allowed \(NumberFormatting.percent(limit))")
            : RuleOutcome(rule: "assignment-drift", status: .passed, message: "\(text) ≤ allowed \(NumberFormatting.percent(limit))")
    }

    /// Blocks when P(change in the harmful direction exceeds the allowance) ≥ confidence, with the
    /// lift's sampling distribution taken as normal (the same approximation as its interval).
    private func guardrailRule(_ guardrail: DecisionPolicy.Guardrail, _ result: AnalysisResult) -> RuleOutcome {
        let rule = "guardrail:\(guardrail.metric)"
        if let waiting = maturing(guardrail.metric, result) { return RuleOutcome(rule: rule, status: .pending, message: waiting) }
        guard let metric = result.metrics.first(where: { $0.id == guardrail.metric }) else {
            return RuleOutcome(rule: rule, status: .skipped, message: "\(guardrail.metric): guardrail metric not in the data")
        }
        let harmSign: Double = guardrail.goal == .increase ? -1 : 1
        let direction = harmSign > 0 ? "up" : "down"
        var worst: (probability: Double, message: String)?
        for variant in metric.variants.dropFirst() {
            guard let frequentist = variant.frequentist else { continue }
            var checks: [(estimate: Double, standardError: Double, limit: Double, relative: Bool)] = []
            if let limit = guardrail.maxRelativeChange, let lift = variant.relativeLift, let se = frequentist.relativeStandardError {
                checks.append((lift, se, limit, true))
            }
            if let limit = guardrail.maxAbsoluteChange, let lift = variant.absoluteLift, let se = frequentist.standardError {
                checks.append((lift, se, limit, false))
            }
            for check in checks where check.standardError > 0 {
                let harm = harmSign * check.estimate
                let probability = Normal.standard.cdf((harm - check.limit) / check.standardError)
                let format: (Double) -> String = check.relative || metric.type == .proportion
                    ? { NumberFormatting.percent($0) } : { NumberFormatting.number($0) }
                let moved = check.estimate >= 0 ? "up" : "down"
                let message = "\(guardrail.metric): \(variant.key) is \(moved) \(format(abs(check.estimate)))\(check.relative ? "" : " (absolute)"); "
                    + "P(\(direction) more than \(format(check.limit))) = \(NumberFormatting.number(probability, digits: 3))"
                if worst == nil || probability > worst!.probability { worst = (probability, message) }
            }
        }
        guard let worst else {
            return RuleOutcome(rule: rule, status: .skipped, message: "\(guardrail.metric): no limit could be evaluated (set maxRelativeIncrease or maxAbsoluteIncrease)")
        }
        let threshold = NumberFormatting.number(guardrail.confidence, digits: 3)
        return worst.probability >= guardrail.confidence
            ? RuleOutcome(rule: rule, status: .blocked, message: "\(worst.message) ≥ \(threshold): guardrail breached")
            : RuleOutcome(rule: rule, status: .passed, message: "\(worst.message) < \(threshold): within the guardrail")
    }

    private func unitsRule(_ result: AnalysisResult) -> RuleOutcome {
        let minimum = policy.minimumUnitsPerVariant
        // The primary metric's units, matured ones only while it is maturing (what it can compare).
        let counts: [(key: String, units: Int)]
        if let maturing = result.maturingMetrics?.first(where: { $0.id == policy.primaryMetric && $0.dimension == nil }) {
            counts = maturing.variants.map { ($0.key, $0.units) }
        } else {
            let metric = result.metrics.first { $0.id == policy.primaryMetric } ?? result.metrics.first
            counts = metric?.variants.map { ($0.key, $0.units) } ?? []
        }
        let smallest = counts.min { $0.units < $1.units }
        guard let smallest, smallest.units < minimum else {
            return RuleOutcome(rule: "minimum-units", status: .passed,
                               message: "units: every variant has at least \(NumberFormatting.count(minimum))")
        }
        return RuleOutcome(rule: "minimum-units", status: .pending,
                           message: "units: \(smallest.key) has \(NumberFormatting.count(smallest.units)) < \(NumberFormatting.count(minimum)) required per variant")
    }

    private func durationRule(_ end: Date, now: Date) -> RuleOutcome {
        let formatter = ISO8601DateFormatter()
        guard now < end else {
            return RuleOutcome(rule: "planned-duration", status: .passed, message: "duration: planned end \(formatter.string(from: end)) has passed")
        }
        let days = end.timeIntervalSince(now) / 86_400
        return RuleOutcome(rule: "planned-duration", status: .pending,
                           message: "duration: \(NumberFormatting.number(days, digits: 3)) days left until the planned end \(formatter.string(from: end))")
    }

    private func shipRule(_ result: AnalysisResult) -> RuleOutcome {
        let rule = "ship:\(policy.primaryMetric)"
        if let waiting = maturing(policy.primaryMetric, result) { return RuleOutcome(rule: rule, status: .pending, message: waiting) }
        guard let metric = result.metrics.first(where: { $0.id == policy.primaryMetric }) else {
            return RuleOutcome(rule: rule, status: .pending, message: "\(policy.primaryMetric): primary metric not in the data")
        }
        let control = metric.variants[0]
        let better: (VariantResult, VariantResult) -> Bool = policy.primaryGoal == .increase
            ? { $0.mean > $1.mean } : { $0.mean < $1.mean }
        let challengers = metric.variants.dropFirst().filter { $0.frequentist != nil }
        guard let best = challengers.max(by: { better($1, $0) }) else {
            return RuleOutcome(rule: rule, status: .pending, message: "\(metric.id): no variant could be compared with control")
        }
        let alpha = result.settings.alpha
        let cuped = result.settings.cuped == true
        var unmet: [String] = []
        for shipRule in policy.shipRules {
            switch shipRule {
            case let .chanceToBeatControl(threshold):
                guard let chanceInGoal = chanceInGoal(best, metric: metric, cuped: cuped) else {
                    unmet.append("chance to beat control not available"); continue
                }
                let text = "\(metric.id): \(best.key) beats \(control.key) with probability \(NumberFormatting.number(chanceInGoal, digits: 3))"
                    + (cuped && best.cuped != nil ? " (CUPED)" : "")
                if chanceInGoal >= threshold {
                    return RuleOutcome(rule: rule, status: .passed, message: "\(text) ≥ \(NumberFormatting.number(threshold, digits: 3))")
                }
                unmet.append("\(text) < \(NumberFormatting.number(threshold, digits: 3))")
            case .significance:
                let reading = evidence(best, alpha: alpha, cuped: cuped)
                let rightWay = policy.primaryGoal == .increase ? reading.lift > 0 : reading.lift < 0
                let text = "\(metric.id): \(best.key) vs \(control.key) \(reading.test)"
                if reading.significant && rightWay {
                    return RuleOutcome(rule: rule, status: .passed, message: "\(text)\(reading.passed) in the right direction")
                }
                unmet.append("\(text)\(rightWay ? "" : " (wrong direction)")\(reading.failed)")
            case let .intervalBeyond(minimumLift, relative):
                let reading = evidence(best, alpha: alpha, cuped: cuped)
                let interval = relative ? reading.relativeCi : reading.ci
                guard let interval else { unmet.append("relative interval not available (control is 0)"); continue }
                let bound = policy.primaryGoal == .increase ? interval.lower : -interval.upper
                let shown = relative ? NumberFormatting.signedPercent(bound) : NumberFormatting.signedNumber(bound)
                let target = relative ? NumberFormatting.signedPercent(minimumLift) : NumberFormatting.signedNumber(minimumLift)
                let text = "\(metric.id): \(best.key)'s \(reading.interval)interval bound \(shown)"
                if bound > minimumLift {
                    return RuleOutcome(rule: rule, status: .passed, message: "\(text) clears the minimum lift \(target)")
                }
                unmet.append("\(text) does not clear the minimum lift \(target)")
            case .nonInferiority:
                guard let block = best.nonInferiority else {
                    unmet.append("non-inferiority not tested (set the metric's nonInferiorityMargin)"); continue
                }
                let text = "\(metric.id): \(best.key) vs \(control.key) \(nonInferiorityText(block, metric: metric))"
                if block.nonInferior {
                    return RuleOutcome(rule: rule, status: .passed, message: "\(text): not worse than the margin")
                }
                unmet.append(text)
            }
        }
        if let regression = regression(best, control: control, metric: metric, alpha: alpha, cuped: cuped) {
            return RuleOutcome(rule: rule, status: .blocked, message: regression)
        }
        return RuleOutcome(rule: rule, status: .pending, message: "no ship rule met yet: " + unmet.joined(separator: "; "))
    }

    /// When even the best variant is credibly worse than control on the primary metric, the
    /// rollout is harmful, not merely unproven: the mirror image of the ship rules (chance to
    /// beat control at most 1 − threshold, or an adjusted p below alpha in the wrong direction).
    /// With a sequential analysis or CUPED deciding, it reads the same evidence as the ship rules.
    private func regression(_ best: VariantResult, control: VariantResult, metric: MetricResult, alpha: Double, cuped: Bool) -> String? {
        for shipRule in policy.shipRules {
            switch shipRule {
            case let .chanceToBeatControl(threshold):
                guard let chanceInGoal = chanceInGoal(best, metric: metric, cuped: cuped) else { continue }
                if chanceInGoal <= 1 - threshold {
                    return "\(metric.id): even the best variant, \(best.key), is worse than \(control.key): "
                        + "it beats it with probability \(NumberFormatting.number(chanceInGoal, digits: 3)) ≤ \(NumberFormatting.number(1 - threshold, digits: 3))"
                }
            case .nonInferiority:
                // Failing to show non-inferiority is not evidence of harm; the other rules judge that.
                continue
            case .significance, .intervalBeyond:
                guard best.frequentist != nil else { continue }
                let reading = evidence(best, alpha: alpha, cuped: cuped)
                let wrongWay = policy.primaryGoal == .increase ? reading.lift < 0 : reading.lift > 0
                if wrongWay, reading.significant {
                    return "\(metric.id): even the best variant, \(best.key), is worse than \(control.key): "
                        + "\(reading.test)\(reading.passed) in the wrong direction"
                }
            }
        }
        return nil
    }

    /// P(variant better than control in the policy's goal): the CUPED block's when CUPED decides,
    /// else the Bayesian one. The result states its chance in the metric's own goal, so a ship
    /// section whose goal differs from the metric's reads the complement.
    private func chanceInGoal(_ variant: VariantResult, metric: MetricResult, cuped: Bool) -> Double? {
        guard let chance = (cuped ? variant.cuped?.chanceToBeatControl : nil) ?? variant.bayesian?.chanceToBeatControl else { return nil }
        return (metric.goal ?? .increase) == policy.primaryGoal ? chance : 1 - chance
    }

    /// The sentence of a variant's non-inferiority test: "bound −1.20% clears −2.00% (p = 0.003)".
    private func nonInferiorityText(_ block: NonInferiorityBlock, metric: MetricResult) -> String {
        let relative = block.scale == .relative && block.method != .welchT
        let shown: (Double) -> String = relative || metric.type == .proportion
            ? { NumberFormatting.signedPercent($0) } : { NumberFormatting.signedNumber($0) }
        let side = block.threshold < 0 ? "lower" : "upper"
        return "one-sided \(side) bound \(shown(block.bound)) \(block.nonInferior ? "clears" : "does not clear") the margin \(shown(block.threshold))"
            + " (p = \(NumberFormatting.pValue(block.pValue)))"
    }

    /// Every variant of a non-primary metric with a margin must be shown non-inferior before
    /// shipping; failing to show it is not proof of harm, so the rule waits rather than blocks.
    private func nonInferiorityRule(_ id: String, _ result: AnalysisResult) -> RuleOutcome {
        let rule = "non-inferiority:\(id)"
        if let waiting = maturing(id, result) { return RuleOutcome(rule: rule, status: .pending, message: waiting) }
        guard let metric = result.metrics.first(where: { $0.id == id && $0.dimension == nil }) else {
            return RuleOutcome(rule: rule, status: .skipped, message: "\(id): non-inferiority metric not in the data")
        }
        let tested = metric.variants.dropFirst().compactMap { variant in variant.nonInferiority.map { (variant.key, $0) } }
        guard !tested.isEmpty else {
            return RuleOutcome(rule: rule, status: .pending, message: "\(id): non-inferiority could not be tested" + (metric.notes.map { " (\($0.joined(separator: "; ")))" } ?? ""))
        }
        let parts = tested.map { "\($0.0) \(nonInferiorityText($0.1, metric: metric))" }
        let allShown = tested.allSatisfy({ $0.1.nonInferior }) && tested.count == metric.variants.count - 1
        return RuleOutcome(
            rule: rule, status: allShown ? .passed : .pending,
            message: "\(id): " + (allShown ? "not worse than the margin: " : "not yet shown non-inferior: ") + parts.joined(separator: "; "))
    }

    /// What the significance and interval rules read for a variant: the sequential block when
    /// the analysis is sequential (of the CUPED comparison when CUPED decides), else the CUPED
    /// block when CUPED decides and the metric has covariates, else the fixed-horizon comparison.
    private struct Evidence {
        /// The estimate, variant − control.
        var lift: Double
        var significant: Bool
        var ci: ConfidenceInterval
        var relativeCi: ConfidenceInterval?
        /// "adjusted p = 0.01", "always-valid adjusted p = 0.01", "at look 2 of 5: |z| = 3.1".
        var test: String
        /// Appended to `test` when significant, and when not.
        var passed: String
        var failed: String
        /// "always-valid ", "CUPED " or "" before "interval".
        var interval: String
    }

    private func evidence(_ variant: VariantResult, alpha: Double, cuped: Bool) -> Evidence {
        let a = NumberFormatting.number(alpha)
        if let s = variant.sequential {
            let lift = (s.ci.lower + s.ci.upper) / 2
            let basis = s.basis == "cuped" ? " (CUPED)" : ""
            switch s.method {
            case .alwaysValid:
                let p = NumberFormatting.pValue(s.adjustedPValue ?? s.pValue)
                return Evidence(lift: lift, significant: s.significant, ci: s.ci, relativeCi: s.relativeCi,
                                test: "always-valid adjusted p = \(p)\(basis)", passed: " < \(a)", failed: " ≥ alpha \(a)",
                                interval: "always-valid ")
            case .group:
                let z = NumberFormatting.number(abs(s.statistic ?? 0), digits: 4)
                let c = NumberFormatting.number(s.boundary ?? 0, digits: 4)
                return Evidence(lift: lift, significant: s.significant, ci: s.ci, relativeCi: s.relativeCi,
                                test: "at look \(s.look ?? 0) of \(s.looks ?? 0): |z| = \(z)\(basis)", passed: " ≥ boundary \(c)",
                                failed: " < boundary \(c)", interval: "repeated ")
            }
        }
        if cuped, let c = variant.cuped {
            return Evidence(lift: c.absoluteLift, significant: c.comparison.adjustedPValue < alpha, ci: c.comparison.ci, relativeCi: c.comparison.relativeCi,
                            test: "CUPED adjusted p = \(NumberFormatting.pValue(c.comparison.adjustedPValue))", passed: " < \(a)",
                            failed: " ≥ alpha \(a)", interval: "CUPED ")
        }
        let f = variant.frequentist!
        return Evidence(lift: variant.absoluteLift ?? 0, significant: f.adjustedPValue < alpha, ci: f.ci, relativeCi: f.relativeCi,
                        test: "adjusted p = \(NumberFormatting.pValue(f.adjustedPValue))", passed: " < \(a)", failed: " ≥ alpha \(a)",
                        interval: "")
    }
}
