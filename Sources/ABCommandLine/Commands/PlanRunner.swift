import ABEvents
import ABKit
import ABSummary
import ABStats
import Foundation

/// `abkit plan`: the units per variant a planned effect needs (as `abkit power`) and the
/// group-sequential boundaries per look (Lan–DeMets spending), from an experiment file and/or flags.
package struct PlanRunner: Sendable {
    /// The options.
    package var options: PlanOptions

    /// Creates a runner.
    package init(options: PlanOptions) { self.options = options }

    /// Runs the plan: text, or a JSON object with `--format json`.
    package func run() -> CommandOutput {
        CommandOutput.report(format: options.format, text: Self.text) { try compute() }
    }

    /// The numbers, without formatting.
    package func compute() throws -> PlanReport {
        guard options.format == .text || options.format == .json else {
            throw ABKitError.usage("--format for abkit plan expects text or json (got '\(options.format.rawValue)')")
        }
        let spec = try options.experimentPath.map(ExperimentFile.load)
        let primary: MetricSpec? = spec.flatMap { spec in
            let shipMetric = spec.decision.ship.flatMap { ship in spec.metrics.first { $0.id == ship.metric } }
            return shipMetric ?? spec.primaryMetric
        }
        if let primary {
            let isRate = primary.type == .conversion || primary.type == .retention
            if isRate, options.mean != nil {
                throw ABKitError.usage("the primary metric '\(primary.id)' is a rate: give its baseline with --baseline, not --mean")
            }
            if !isRate, options.baseline != nil {
                throw ABKitError.usage("the primary metric '\(primary.id)' is a \(primary.type.rawValue), not a rate: give --mean and --sd, not --baseline")
            }
        }
        let group = spec?.analysis.sequential.flatMap { $0.method == SequentialOptions.Method.group.rawValue ? $0 : nil }
        var relativeLift = options.relativeLift
        if relativeLift == nil, options.absoluteLift == nil { relativeLift = spec?.decision.plannedRelativeEffect }
        guard relativeLift != nil || options.absoluteLift != nil else {
            throw ABKitError.usage("give the planned effect: --relative-lift or --absolute-lift, or \"plannedRelativeEffect\" in the experiment file's decision section")
        }
        let alpha = options.alpha ?? spec?.analysis.alpha ?? 0.05
        let power = try PowerRunner(options: PowerOptions(
            baseline: options.baseline, mean: options.mean, standardDeviation: options.standardDeviation,
            absoluteLift: options.absoluteLift, relativeLift: relativeLift, alpha: alpha, power: options.power,
            variants: spec.map { max($0.variants.count, 2) } ?? 2, format: .json, traffic: options.traffic)).compute()
        let looks = options.looks ?? group?.looks ?? PlanOptions.defaultLooks
        guard looks >= 1, looks <= GroupSequentialDesign.maximumLooks else {
            throw ABKitError.usage("--looks must be from 1 to \(GroupSequentialDesign.maximumLooks) (got \(looks))")
        }
        let spending = options.spending ?? group?.spending.flatMap(AlphaSpending.init(rawValue:)) ?? .obrienFleming
        let design: GroupSequentialDesign
        let inflation: Double
        do {
            design = try GroupSequentialDesign(looks: looks, alpha: alpha, spending: spending)
            inflation = try design.inflationFactor(power: options.power)
        } catch let error as StatsError {
            throw ABKitError.usage(error.localizedDescription)
        }
        // The design needs inflation × the fixed horizon; checked against the same 2^53 bound as
        // `abkit power`, before Int(_:) could trap on it.
        let inflated = (power.exactControlUnits * inflation).rounded(.up)
        guard inflated <= Double(UnitCount.maximum) else {
            throw ABKitError.usage(
                "the group-sequential design needs about \(String(format: "%.3g", inflated)) units per variant (\(String(format: "%.3f", inflation)) × "
                    + "\(power.controlUnits)), more than \(UnitCount.maximum): ABKit counts units up to 2^53; plan for a larger lift or fewer looks")
        }
        let maximum = Int(inflated)
        let boundaries = design.boundaries.indices.map { k in
            PlanReport.Look(
                look: k + 1, informationFraction: design.informationFractions[k],
                unitsPerVariant: Int((Double(maximum) * Double(k + 1) / Double(looks)).rounded(.up)),
                z: design.boundaries[k], nominalAlpha: design.nominalAlpha[k], cumulativeAlpha: design.cumulativeAlpha[k])
        }
        return PlanReport(
            experiment: spec?.id, metric: primary?.id, power: power,
            design: PlanReport.Design(
                looks: looks, spending: spending, alpha: alpha, inflationFactor: inflation, maximumUnitsPerVariant: maximum,
                boundaries: boundaries),
            alwaysValid: PlanReport.AlwaysValid(plannedUnitsPerVariant: power.controlUnits))
    }

    /// The plan as text: the units sentence, the table of looks, and the always-valid setting.
    static func text(_ report: PlanReport) -> String {
        var lines: [String] = []
        if let experiment = report.experiment {
            lines.append("Experiment \(experiment)" + (report.metric.map { ", primary metric \($0)" } ?? ""))
        }
        lines.append(PowerRunner.sentence(report.power))
        let design = report.design
        let name = design.spending == .obrienFleming ? "O'Brien–Fleming" : "Pocock"
        lines.append("")
        lines.append("Group-sequential design: \(design.looks) equally spaced look\(design.looks == 1 ? "" : "s"), \(name) spending, "
            + "alpha \(NumberFormatting.number(design.alpha)) two-sided; stop at look k when |z| reaches its boundary.")
        lines.append("For the same \(NumberFormatting.percent(report.power.power, digits: 0)) power it needs up to "
            + "\(NumberFormatting.count(design.maximumUnitsPerVariant)) units per variant (\(String(format: "%.3f", design.inflationFactor)) × the fixed horizon).")
        let header = ["look", "units/variant", "fraction", "|z| boundary", "nominal p", "alpha spent"]
        let rows = design.boundaries.map { look in
            [String(look.look), NumberFormatting.count(look.unitsPerVariant), String(format: "%.3f", look.informationFraction),
             String(format: "%.3f", look.z), NumberFormatting.pValue(look.nominalAlpha), NumberFormatting.pValue(look.cumulativeAlpha)]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append("  " + row.indices.map { c in String(repeating: " ", count: widths[c] - row[c].count) + row[c] }.joined(separator: "  "))
        }
        lines.append("")
        lines.append("Always-valid instead: \"sequential\": {\"method\": \"always-valid\", \"plannedUnitsPerVariant\": \(report.alwaysValid.plannedUnitsPerVariant)} "
            + "(or --sequential --planned-units \(report.alwaysValid.plannedUnitsPerVariant)).")
        return lines.joined(separator: "\n") + "\n"
    }
}
