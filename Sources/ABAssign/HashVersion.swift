/// GrowthBook's bucketing hash versions.
public enum HashVersion: Int, Sendable, Hashable, Codable, CaseIterable {
    /// The original hash: `fnv(value + seed) % 1000 / 1000`. Biased for similar seeds; kept
    /// for compatibility with experiments started under it.
    case v1 = 1
    /// The unbiased hash: `fnv(String(fnv(seed + value))) % 10000 / 10000`.
    case v2 = 2
}
