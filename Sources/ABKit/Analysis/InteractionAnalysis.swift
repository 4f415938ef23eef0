import ABStats
import ABSummary

/// Whether two concurrent experiments interact: for each metric of experiment A, the factorial
/// analysis of the units exposed to both (A's arm × B's arm), from A's summary sliced by the
/// variant each unit got in B.
///
/// A cell's mean is its rate (conversion, retention, funnel-free proportions) or its per-unit
/// mean (count, sum, mean); each contrast says how much A's effect of one arm changes when the
/// unit is in one of B's arms instead of B's control, and the joint Wald test asks whether any
/// does (``InteractionTest``). Ratio, time-to-event and quantile metrics have no per-cell mean of
/// this kind and are listed with a note.
public struct InteractionAnalysis: Codable, Sendable, Equatable {
    /// Experiment A's id; its variants are the rows.
    public var experiment: String
    /// Experiment B's id; its variants are the columns.
    public var other: String
    /// A's variants, control first.
    public var rows: [String]
    /// B's variants, control first.
    public var columns: [String]
    /// Units exposed to both experiments, per cell (rows × columns), before any metric's
    /// maturity rule.
    public var overlap: [[Int]]
    /// Units of A not exposed to B.
    public var onlyExperiment: Int
    /// Units of B not exposed to A.
    public var onlyOther: Int
    /// The level of the contrasts' intervals, 1 − alpha.
    public var confidenceLevel: Double
    /// One entry per metric of A that has a per-cell mean.
    public var metrics: [Metric]
    /// Metrics left out, and why.
    public var notes: [String]

    /// One metric's interaction.
    public struct Metric: Codable, Sendable, Equatable {
        /// The metric id.
        public var id: String
        /// `proportion` or `mean`.
        public var type: StatisticShape
        /// Each cell's rate or mean (rows × columns); absent where a cell has no units.
        public var cellMeans: [[Double?]]
        /// The contrasts, row arm by column arm; empty when not computable.
        public var contrasts: [Contrast]
        /// The joint Wald χ² of all contrasts, its degrees of freedom and p-value.
        public var chiSquare: Double?
        /// (rows − 1)(columns − 1).
        public var degreesOfFreedom: Int?
        /// P(χ² ≥ chiSquare) under no interaction.
        public var pValue: Double?
        /// Whether the joint test rejects no interaction at the analysis' alpha.
        public var interacts: Bool?
        /// Why the test could not be computed.
        public var note: String?
    }

    /// How A's effect of `experimentArm` changes under B's `otherArm` (difference in differences).
    public struct Contrast: Codable, Sendable, Equatable {
        /// A's arm (not control).
        public var experimentArm: String
        /// B's arm (not control).
        public var otherArm: String
        /// (m[a][b] − m[a][control]) − (m[control][b] − m[control][control]).
        public var estimate: Double
        /// Its standard error.
        public var standardError: Double
        /// Two-sided p-value.
        public var pValue: Double
        /// Interval at ``InteractionAnalysis/confidenceLevel``.
        public var lower: Double
        /// Upper end.
        public var upper: Double
    }

    /// Analyses `summary` (experiment A's, sliced by dimension `dimension` whose values are B's
    /// variant keys) against B's `columns` (control first).
    ///
    /// - Parameters:
    ///   - rows: A's variant keys, control first.
    ///   - overlap: units exposed to both, per cell.
    ///   - onlyExperiment: units of A outside B; `onlyOther`: units of B outside A.
    public static func analyze(
        summary: SummaryFile, dimension: String, experiment: String, other: String, rows: [String], columns: [String],
        overlap: [[Int]], onlyExperiment: Int, onlyOther: Int, alpha: Double
    ) throws -> InteractionAnalysis {
        guard alpha.isFinite, alpha > 0, alpha < 1 else { throw ABKitError.invalidSetting("alpha", "must be in (0, 1), got \(alpha)") }
        var notes: [String] = []
        var metrics: [Metric] = []
        let sliced = summary.metrics.filter { $0.dimension?.name == dimension && $0.funnel == nil && $0.quantile == nil }
        var order: [String] = []
        for metric in sliced where !order.contains(metric.sourceMetric) { order.append(metric.sourceMetric) }
        for id in order {
            let slices = sliced.filter { $0.sourceMetric == id }
            guard let shape = slices.first?.type else { continue }
            // Units per cell: what this metric counts (windowed metrics leave out maturing units).
            var cells: [[SummaryVariant?]] = rows.map { _ in columns.map { _ in nil } }
            for slice in slices {
                guard let column = columns.firstIndex(of: slice.dimension!.value) else { continue }
                for variant in slice.variants {
                    guard let row = rows.firstIndex(of: variant.key) else { continue }
                    cells[row][column] = variant
                }
            }
            switch shape {
            case .ratio, .survival:
                notes.append("\(id): a \(shape.rawValue) metric has no per-cell mean to contrast; not analyzed")
                continue
            case .proportion, .mean:
                metrics.append(analyzeMetric(id: id, shape: shape, cells: cells, rows: rows, columns: columns, alpha: alpha))
            }
        }
        var funnels: [String] = []
        for metric in summary.metrics where metric.dimension?.name == dimension && metric.funnel != nil && !funnels.contains(metric.sourceMetric) {
            funnels.append(metric.sourceMetric)
        }
        for id in funnels {
            notes.append("\(id): a funnel's steps are not analyzed for interaction; a conversion metric on the step that matters is")
        }
        if overlap.joined().allSatisfy({ $0 == 0 }) {
            // Exclusive namespaces, or logs that hold only one of the two: nothing can interact.
            notes = ["no unit was exposed to both \(experiment) and \(other), so they cannot interact here (exclusive namespaces, or a log holding one of them only)"]
            metrics = []
        } else if sliced.isEmpty { notes.append("no metric of \(experiment) could be sliced by \(other)'s variant") }
        return InteractionAnalysis(
            experiment: experiment, other: other, rows: rows, columns: columns, overlap: overlap, onlyExperiment: onlyExperiment,
            onlyOther: onlyOther, confidenceLevel: 1 - alpha, metrics: metrics, notes: notes)
    }

    private static func analyzeMetric(
        id: String, shape: StatisticShape, cells: [[SummaryVariant?]], rows: [String], columns: [String], alpha: Double
    ) -> Metric {
        var metric = Metric(id: id, type: shape, cellMeans: cells.map { $0.map { _ in nil } }, contrasts: [])
        do {
            var proportions: [[ProportionSample]] = [], means: [[MeanSample]] = []
            for (r, row) in cells.enumerated() {
                var proportionRow: [ProportionSample] = [], meanRow: [MeanSample] = []
                for (c, cell) in row.enumerated() {
                    guard let cell, cell.units > 0 else {
                        if let maturing = cell?.maturing, maturing > 0 {
                            throw StatsError.notComputable(
                                test: "interaction", reason: "not measurable yet: no unit of \(rows[r]) in the other experiment's \(columns[c]) "
                                    + "has reached the end of the metric's window (\(maturing) still maturing)")
                        }
                        throw StatsError.notComputable(
                            test: "interaction", reason: "no unit of \(rows[r]) in the other experiment's \(columns[c]) is counted")
                    }
                    switch try cell.statistics(for: shape) {
                    case .proportion(let sample):
                        proportionRow.append(sample)
                        metric.cellMeans[r][c] = sample.rate
                    case .mean(let sample):
                        meanRow.append(sample)
                        metric.cellMeans[r][c] = sample.mean
                    case .ratio, .survival:
                        throw StatsError.notComputable(test: "interaction", reason: "a \(shape.rawValue) metric has no per-cell mean")
                    }
                }
                proportions.append(proportionRow)
                means.append(meanRow)
            }
            let result = shape == .proportion
                ? try InteractionTest.proportions(proportions, alpha: alpha) : try InteractionTest.means(means, alpha: alpha)
            metric.contrasts = result.contrasts.map {
                Contrast(experimentArm: rows[$0.rowArm], otherArm: columns[$0.columnArm], estimate: $0.estimate,
                         standardError: $0.standardError, pValue: $0.pValue, lower: $0.confidenceInterval.lower, upper: $0.confidenceInterval.upper)
            }
            metric.chiSquare = result.chiSquare
            metric.degreesOfFreedom = result.degreesOfFreedom
            metric.pValue = result.pValue
            metric.interacts = result.pValue < alpha
        } catch {
            metric.note = error.localizedDescription
        }
        return metric
    }
}
