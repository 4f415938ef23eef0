import ABSummary

/// A metric that cannot be compared yet: in some variant every exposed unit is still inside the
/// metric's window at the end of the data (a 30-day retention read 10 days after launch).
///
/// Such a metric is listed apart from `metrics` in the result instead of failing the analysis:
/// the other metrics are still worth reading, and a decision rule on this one waits (pending)
/// rather than passing or being skipped.
public struct MaturingMetric: Codable, Sendable, Equatable {
    /// The metric id (a slice's or funnel step's own id).
    public var id: String
    /// The base metric id, for slices and funnel steps.
    public var metric: String?
    /// The funnel step this entry is, if any.
    public var funnel: FunnelPosition?
    /// The slice this entry is, if any.
    public var dimension: DimensionSlice?
    /// Each variant's matured and maturing units, control first.
    public var variants: [MaturingCount]

    /// Creates an entry.
    public init(id: String, metric: String? = nil, funnel: FunnelPosition? = nil, dimension: DimensionSlice? = nil, variants: [MaturingCount]) {
        self.id = id
        self.metric = metric
        self.funnel = funnel
        self.dimension = dimension
        self.variants = variants
    }

    /// Why a decision rule on this metric waits.
    public var sentence: String {
        "\(id): not measurable yet: no unit of \(waiting.joined(separator: ", ")) has reached the end of the metric's window by the end "
            + "of the data (\(counts)); it can be compared once the earliest windows close"
    }

    /// Each variant's units whose window has closed, of all its exposed units.
    public var counts: String {
        variants.map { "\($0.key) \(NumberFormatting.count($0.units)) of \(NumberFormatting.count($0.units + $0.maturing))" }
            .joined(separator: ", ")
    }

    /// What the reports say under their "Not measurable yet" heading.
    public static let explanation = "in some variant no unit has reached the end of the metric's window by the end of the data; "
        + "listed are the units whose window has closed, of those exposed"

    /// The variants whose every unit is still maturing.
    public var waiting: [String] { variants.filter { $0.units == 0 && $0.maturing > 0 }.map(\.key) }
}

/// One variant's units of a ``MaturingMetric``.
public struct MaturingCount: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Units whose window has closed (those the metric would count now).
    public var units: Int
    /// Units whose window is still open.
    public var maturing: Int

    /// Creates a count.
    public init(key: String, units: Int, maturing: Int) {
        self.key = key
        self.units = units
        self.maturing = maturing
    }
}

extension SummaryMetric {
    /// Whether some variant has no matured unit yet but maturing ones: nothing to compare until
    /// their windows close.
    var hasOnlyMaturingVariant: Bool { variants.contains { $0.units == 0 && ($0.maturing ?? 0) > 0 } }

    /// This metric as a ``MaturingMetric``, control first.
    func maturingEntry(control: String) -> MaturingMetric {
        let ordered = variants.filter { $0.key == control } + variants.filter { $0.key != control }
        return MaturingMetric(
            id: id, metric: metric, funnel: funnel, dimension: dimension,
            variants: ordered.map { MaturingCount(key: $0.key, units: $0.units, maturing: $0.maturing ?? 0) })
    }
}

extension SummaryFile {
    /// Whether metric `m` is not measurable yet. A funnel step counted among the units that
    /// reached the step before shares the funnel's maturing count, so it waits exactly when the
    /// same step counted from exposure waits; otherwise zero units there mean no unit reached
    /// the step before, which is no matter of time.
    func isMaturing(_ m: Int) -> Bool {
        let metric = metrics[m]
        guard let position = metric.funnel, position.basis == .previousStep else { return metric.hasOnlyMaturingVariant }
        return metrics.contains { other in
            other.funnel?.funnel == position.funnel && other.funnel?.step == position.step && other.funnel?.basis == .exposure
                && other.dimension == metric.dimension && other.hasOnlyMaturingVariant
        }
    }
}

