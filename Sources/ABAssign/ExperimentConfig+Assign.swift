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

    @inlinable
    func assign(hashAttribute attribute: String, hashValue value: String, attributes: JSONObject?) -> Assignment {
        let o = outcome(hashValue: value, attributes: attributes)
        var variant: String?, message: JSONValue?
        if let index = o.variationIndex {
            // Read the two fields in place rather than copying the whole variant.
            variants.withUnsafeBufferPointer { variant = $0[index].key; message = $0[index].message }
        }
        return Assignment(
            experiment: key, variant: variant, variationIndex: o.variationIndex,
            inExperiment: o.inExperiment, hashValue: o.hashValue, hashAttribute: attribute,
            hashAttributeValue: value, reason: o.reason, message: message)
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
        return decide(ASCIIHashValue(bytes: id), attributes: nil)
    }

    @inlinable
    func outcome(hashValue value: String, attributes: JSONObject?) -> AssignmentOutcome {
        decide(value, attributes: attributes)
    }

    /// GrowthBook's decision, in its order: usable value, override, draft, namespace, targeting,
    /// holdout, then the bucket. Targeting sees `attributes`, or when `nil` an object holding
    /// just the value as the hash attribute.
    @inlinable @inline(__always)
    func decide(_ value: some HashValueText, attributes: JSONObject?) -> AssignmentOutcome {
        func result(_ index: Int?, _ inExperiment: Bool, _ hash: Double?, _ reason: AssignmentReason) -> AssignmentOutcome {
            AssignmentOutcome(variationIndex: index, inExperiment: inExperiment, hashValue: hash, reason: reason)
        }
        if value.isEmpty { return result(nil, false, nil, .missingHashAttribute) }
        if !overrides.isEmpty, let forced = overrides[value.text] { return result(forced, true, nil, .forced) }
        if status == .draft { return result(nil, false, nil, .notRunning) }
        if let namespace, !namespace.contains(bucket: value.bucket(under: namespace.hasher)) {
            return result(nil, false, nil, .outsideNamespace)
        }
        if let targeting, !targeting.matches(attributes ?? JSONObject([(key: hashAttribute, value: .string(value.text))])) {
            return result(nil, false, nil, .targetingFailed)
        }
        if let holdout, holdout.holdsOut(bucket: value.bucket(under: holdout.hasher)) {
            return result(nil, false, nil, .holdout)
        }
        let k = value.bucket(under: hasher)
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

/// A hash-attribute value as the decision needs it: emptiness, its bucket under a seeded
/// hasher, and (for overrides and targeting only) its text.
@usableFromInline
protocol HashValueText {
    var isEmpty: Bool { get }
    var text: String { get }
    func bucket(under hasher: SeededHash) -> UInt32
}

extension String: HashValueText {
    @inlinable var text: String { self }
    @inlinable func bucket(under hasher: SeededHash) -> UInt32 { hasher.bucket(self) }
}

/// An ASCII value hashed from its bytes; a `String` is made only for overrides and targeting.
@usableFromInline
struct ASCIIHashValue: HashValueText {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @inlinable init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    @inlinable var isEmpty: Bool { bytes.isEmpty }
    @inlinable var text: String { String(decoding: bytes, as: UTF8.self) }
    @inlinable func bucket(under hasher: SeededHash) -> UInt32 { hasher.bucket(ascii: bytes) }
}
