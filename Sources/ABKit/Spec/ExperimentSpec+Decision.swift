import ABAssign
import ABStats

extension ExperimentSpec {
    /// The analysis settings of the file's `analysis` section.
    ///
    /// `prior` may be `{"alpha": a, "beta": b}` (optionally with `"type": "beta"`).
    public func analysisOptions() throws -> AnalysisOptions {
        var options = AnalysisOptions(
            alpha: analysis.alpha, correction: analysis.correction,
            alternative: analysis.oneSided ? .greater : .twoSided, srmThreshold: analysis.srmThreshold,
            sequential: analysis.sequential.map(SequentialOptions.init), cuped: analysis.cuped)
        options.metricSettings = metricSettings
        if case let .object(prior)? = analysis.prior {
            if case let .number(a)? = prior["alpha"] { options.priorAlpha = a }
            if case let .number(b)? = prior["beta"] { options.priorBeta = b }
        }
        return options
    }

    /// Each metric's goal and non-inferiority margin, by metric id.
    public var metricSettings: [String: MetricSettings] {
        Dictionary(metrics.map { metric in
            (metric.id, MetricSettings(
                goal: metric.direction,
                nonInferiorityMargin: metric.nonInferiorityMargin.map { NonInferiorityMargin(value: $0, scale: metric.nonInferiorityScale ?? .relative) }))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The traffic weights by variant key.
    public var weightsByVariant: [String: Double] {
        Dictionary(variants.map { ($0.key, $0.weight) }, uniquingKeysWith: { first, _ in first })
    }

    /// The decision rules of the file's `decision` section and its metrics' guardrails.
    public func decisionPolicy() -> DecisionPolicy {
        let ship = decision.ship
        let primaryId = ship?.metric ?? primaryMetric?.id ?? ""
        // The ship section's goal wins (older files set it there); else the metric's own.
        let goal = ship?.goal.flatMap(MetricGoal.init) ?? metrics.first { $0.id == primaryId }?.direction ?? .increase
        var rules: [DecisionPolicy.ShipRule] = []
        if let chance = ship?.chanceToBeatControl { rules.append(.chanceToBeatControl(chance)) }
        if ship?.significance == true { rules.append(.significance) }
        if let lift = ship?.minimumRelativeLift { rules.append(.intervalBeyond(minimumLift: lift, relative: true)) }
        if let lift = ship?.minimumAbsoluteLift { rules.append(.intervalBeyond(minimumLift: lift, relative: false)) }
        if ship?.nonInferiority == true { rules.append(.nonInferiority) }
        if rules.isEmpty { rules.append(.chanceToBeatControl(0.95)) }

        let confidence = decision.guardrailConfidence ?? 0.95
        var guardrails: [DecisionPolicy.Guardrail] = []
        for metric in metrics {
            guard let limits = metric.guardrail else { continue }
            // An increase limit means increases are the harm, so the metric's goal is to decrease.
            if limits.maxRelativeIncrease != nil || limits.maxAbsoluteIncrease != nil {
                guardrails.append(.init(metric: metric.id, goal: .decrease, maxRelativeChange: limits.maxRelativeIncrease,
                                        maxAbsoluteChange: limits.maxAbsoluteIncrease, confidence: confidence))
            }
            if limits.maxRelativeDecrease != nil || limits.maxAbsoluteDecrease != nil {
                guardrails.append(.init(metric: metric.id, goal: .increase, maxRelativeChange: limits.maxRelativeDecrease,
                                        maxAbsoluteChange: limits.maxAbsoluteDecrease, confidence: confidence))
            }
        }
        var policy = DecisionPolicy(
            primaryMetric: primaryId, primaryGoal: goal, shipRules: rules,
            guardrails: guardrails, minimumUnitsPerVariant: decision.minimumUnitsPerVariant ?? 0,
            blockOnSampleRatioMismatch: decision.blockOnSampleRatioMismatch ?? true,
            maximumAssignmentDrift: decision.maximumAssignmentDrift, plannedEnd: decision.plannedEnd,
            plannedRelativeEffect: decision.plannedRelativeEffect)
        policy.nonInferiorityMetrics = metrics.filter { $0.nonInferiorityMargin != nil && $0.id != primaryId }.map(\.id)
        return policy
    }
}
