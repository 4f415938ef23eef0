extension ExperimentConfig {
    /// Assigns a user known only by the value of the hash attribute (the fast path).
    ///
    /// Targeting conditions see an attribute object holding just that value.
    @inlinable
    public func assign(id: String) -> Assignment {
        if targeting == nil {
            return assign(hashAttribute: hashAttribute, hashValue: id, attributes: nil)
        }
        return assign(attributes: JSONObject([(key: hashAttribute, value: .string(id))]))
    }

    /// Assigns a user described by `attributes`.
    public func assign(attributes: JSONObject) -> Assignment {
        var attribute = hashAttribute
        var value = Self.hashString(attributes[hashAttribute])
        if value.isEmpty, let fallbackAttribute {
            let fallback = Self.hashString(attributes[fallbackAttribute])
            if !fallback.isEmpty {
                attribute = fallbackAttribute
                value = fallback
            }
        }
        return assign(hashAttribute: attribute, hashValue: value, attributes: attributes)
    }

    /// The text GrowthBook hashes for an attribute value: a non-empty string as is, a finite
    /// non-zero number as JavaScript prints it; anything else is not usable ("").
    public static func hashString(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s): s
        case .number(let n) where n.isFinite && n != 0: JSNumber.string(n)
        default: ""
        }
    }

    @usableFromInline
    func assign(hashAttribute attribute: String, hashValue value: String, attributes: JSONObject?) -> Assignment {
        let o = outcome(hashValue: value, attributes: attributes)
        let index = o.variationIndex
        return Assignment(
            experiment: key, variant: index.map { variants[$0].key }, variationIndex: index,
            inExperiment: o.inExperiment, hashValue: o.hashValue, hashAttribute: attribute,
            hashAttributeValue: value, reason: o.reason, message: index.flatMap { variants[$0].message })
    }

    /// The decision for a user known by the hash-attribute value, without building an
    /// ``Assignment`` (no strings are copied): the fastest way to bucket many users.
    @inlinable
    public func outcome(id: String) -> AssignmentOutcome {
        if targeting == nil { return outcome(hashValue: id, attributes: nil) }
        return outcome(hashValue: id, attributes: JSONObject([(key: hashAttribute, value: .string(id))]))
    }

    @usableFromInline
    func outcome(hashValue value: String, attributes: JSONObject?) -> AssignmentOutcome {
        func result(_ index: Int?, _ inExperiment: Bool, _ hash: Double?, _ reason: AssignmentReason) -> AssignmentOutcome {
            AssignmentOutcome(variationIndex: index, inExperiment: inExperiment, hashValue: hash, reason: reason)
        }
        if value.isEmpty { return result(nil, false, nil, .missingHashAttribute) }
        if !overrides.isEmpty, let forced = overrides[value] { return result(forced, true, nil, .forced) }
        if status == .draft { return result(nil, false, nil, .notRunning) }
        if let namespace, !namespace.contains(value) { return result(nil, false, nil, .outsideNamespace) }
        if let targeting, !targeting.matches(attributes ?? JSONObject()) {
            return result(nil, false, nil, .targetingFailed)
        }
        if let holdout, holdout.holdsOut(value) { return result(nil, false, nil, .holdout) }
        let n = hasher.hash(value)
        guard let index = BucketRange.choose(n, in: ranges) else { return result(nil, false, n, .outsideCoverage) }
        if status == .stopped {
            return whenStopped == .control ? result(controlIndex, false, n, .stopped) : result(nil, false, n, .stopped)
        }
        return result(index, true, n, .assigned)
    }
}
