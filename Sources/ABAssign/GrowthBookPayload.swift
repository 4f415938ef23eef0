/// A GrowthBook SDK payload: `{"features": {…}, "savedGroups": {…}}`, parsed once.
public struct GrowthBookPayload: Sendable {
    /// The features by key.
    public var features: [String: GrowthBookFeature]
    /// The feature keys in payload order.
    public var featureKeys: [String]
    /// The saved groups conditions refer to.
    public var savedGroups: SavedGroups

    /// Creates a payload.
    public init(features: [(key: String, feature: GrowthBookFeature)], savedGroups: SavedGroups = .none) {
        self.features = Dictionary(features.map { ($0.key, $0.feature) }, uniquingKeysWith: { $1 })
        self.featureKeys = features.map(\.key)
        self.savedGroups = savedGroups
    }

    /// Reads a payload document; `features` is required, `savedGroups` optional.
    public init(json: JSONValue) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: "")
        guard let featuresValue = r.value("features") else {
            throw GrowthBookPayloadError(path: "features", expected: "an object of feature key to feature", got: "nothing")
        }
        guard case .object(let object) = featuresValue else {
            throw GrowthBookPayloadError(path: "features", expected: "an object of feature key to feature", got: featuresValue)
        }
        var features: [(key: String, feature: GrowthBookFeature)] = []
        for (key, value) in object.members {
            features.append((key, try GrowthBookFeature(json: value, at: "features.\(key)")))
        }
        let groups = try r.value("savedGroups").map { v throws(GrowthBookPayloadError) in try SavedGroups(json: v) } ?? .none
        self.init(features: features, savedGroups: groups)
    }

    /// Reads a payload from JSON text.
    public init(text: String) throws(GrowthBookPayloadError) {
        let value: JSONValue
        do { value = try JSONParser.parse(text) } catch {
            throw GrowthBookPayloadError(path: "", expected: "a JSON payload", got: error.description)
        }
        try self.init(json: value)
    }
}
