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

    /// The decision for a user whose id is given as UTF-8 bytes, equal to
    /// `outcome(id: String(decoding: id, as: UTF8.self))`. ASCII ids are hashed straight from the
    /// bytes without making a `String`; other ids take the `String` path.
    @inlinable
    public func outcome(utf8 id: UnsafeBufferPointer<UInt8>) -> AssignmentOutcome {
        guard FNV1a.isASCII(id) else { return outcome(id: String(decoding: id, as: UTF8.self)) }
        return decide(
            isEmpty: id.isEmpty,
            forced: { overrides[String(decoding: id, as: UTF8.self)] },
            eligible: { $0.matches(JSONObject([(key: hashAttribute, value: .string(String(decoding: id, as: UTF8.self)))])) },
            bucket: { $0.bucket(ascii: id) })
    }

    @usableFromInline
    func outcome(hashValue value: String, attributes: JSONObject?) -> AssignmentOutcome {
        decide(
            isEmpty: value.isEmpty, forced: { overrides[value] },
            eligible: { $0.matches(attributes ?? JSONObject()) }, bucket: { $0.bucket(value) })
    }

    /// GrowthBook's decision, in its order: usable value, override, draft, namespace, targeting,
    /// holdout, then the bucket. `forced` and `eligible` are only asked when there are overrides
    /// and a targeting condition; `bucket` hashes the value under a seeded hasher.
    @inlinable @inline(__always)
    func decide(
        isEmpty: Bool, forced: () -> Int?, eligible: (TargetingCondition) -> Bool, bucket: (SeededHash) -> UInt32
    ) -> AssignmentOutcome {
        func result(_ index: Int?, _ inExperiment: Bool, _ hash: Double?, _ reason: AssignmentReason) -> AssignmentOutcome {
            AssignmentOutcome(variationIndex: index, inExperiment: inExperiment, hashValue: hash, reason: reason)
        }
        if isEmpty { return result(nil, false, nil, .missingHashAttribute) }
        if !overrides.isEmpty, let forced = forced() { return result(forced, true, nil, .forced) }
        if status == .draft { return result(nil, false, nil, .notRunning) }
        if let namespace, !namespace.contains(bucket: bucket(namespace.hasher)) {
            return result(nil, false, nil, .outsideNamespace)
        }
        if let targeting, !eligible(targeting) { return result(nil, false, nil, .targetingFailed) }
        if let holdout, holdout.holdsOut(bucket: bucket(holdout.hasher)) { return result(nil, false, nil, .holdout) }
        let k = bucket(hasher)
        let n = hasher.hash(bucket: k)
        let chosen: Int?
        if variantOfBucket.isEmpty {
            chosen = BucketRange.choose(n, in: ranges)
        } else {
            let v = variantOfBucket[Int(k)]
            chosen = v == 255 ? nil : Int(v)
        }
        guard let index = chosen else { return result(nil, false, n, .outsideCoverage) }
        if status == .stopped {
            return whenStopped == .control ? result(controlIndex, false, n, .stopped) : result(nil, false, n, .stopped)
        }
        return result(index, true, n, .assigned)
    }
}
