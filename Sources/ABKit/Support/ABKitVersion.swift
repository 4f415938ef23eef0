/// The version of ABKit, printed by `abkit --version`.
public enum ABKitVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
