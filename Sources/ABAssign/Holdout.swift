/// A global holdout: a share of users kept out of every experiment that names the holdout.
///
/// A user is held out when the version 2 hash of their hash value under the seed
/// `"__holdout__" + id` is below `share`. Every experiment of a namespace names the same
/// holdout id (by default the namespace id), so the same users are held out of all of them.
///
/// A periodic holdout (``period``) is drawn again each period: the seed gains `"@"` and the
/// period's label (`"__holdout__lifecycle@2027-Q1"`), so each period's held-out users are an
/// independent draw and nobody is kept out for longer than a period.
public struct Holdout: Sendable, Hashable {
    /// The holdout id shared by the experiments it covers.
    public let id: String
    /// The share of users held out, in [0, 1].
    public let share: Double
    /// How often the holdout is drawn again; `nil` for one draw that lasts.
    public let period: RedrawPeriod?
    /// The period this draw is for (``RedrawPeriod/index(atMilliseconds:)``), when periodic.
    public let periodIndex: Int?
    @usableFromInline let hasher: SeededHash

    /// What the holdout's hash seed starts with; the id follows.
    public static let seedPrefix = "__holdout__"

    /// Creates a holdout of `share` of the users under `id`, drawn once for good.
    public init(id: String, share: Double) {
        self.init(id: id, share: share, period: nil, periodIndex: nil)
    }

    /// Creates a holdout drawn again every `period`, as drawn for the period holding
    /// `milliseconds` since the epoch.
    public init(id: String, share: Double, period: RedrawPeriod, atMilliseconds milliseconds: Int64) {
        self.init(id: id, share: share, period: period, periodIndex: period.index(atMilliseconds: milliseconds))
    }

    private init(id: String, share: Double, period: RedrawPeriod?, periodIndex: Int?) {
        self.id = id
        self.share = share
        self.period = period
        self.periodIndex = periodIndex
        self.hasher = SeededHash(seed: Self.seed(id: id, period: period, index: periodIndex), version: .v2)
    }

    /// The hash seed of holdout `id` for period `index` of `period` (without a period, the
    /// prefix and the id alone).
    public static func seed(id: String, period: RedrawPeriod?, index: Int?) -> String {
        guard let period, let index else { return seedPrefix + id }
        return seedPrefix + id + "@" + period.label(ofIndex: index)
    }

    /// The seed this draw hashes with.
    public var seed: String { hasher.seed }

    /// This holdout as drawn for the period holding `milliseconds` (itself when not periodic or
    /// already drawn for that period).
    public func drawn(atMilliseconds milliseconds: Int64) -> Holdout {
        guard let period else { return self }
        let index = period.index(atMilliseconds: milliseconds)
        return index == periodIndex ? self : Holdout(id: id, share: share, period: period, periodIndex: index)
    }

    /// Whether a user with `hashValue` is held out.
    @inlinable
    public func holdsOut(_ hashValue: String) -> Bool { holdsOut(bucket: hasher.bucket(hashValue)) }

    /// Whether a user whose bucket under this holdout's hasher is `bucket` is held out.
    @inlinable
    public func holdsOut(bucket: UInt32) -> Bool { hasher.hash(bucket: bucket) < share }
}
