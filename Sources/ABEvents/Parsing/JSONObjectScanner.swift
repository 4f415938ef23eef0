import ABAssign

/// Reads the top-level members of a one-line JSON object into slots, without allocating.
///
/// The scanner checks the whole line's JSON syntax (strings, numbers, literals, nesting) but
/// decodes nothing: it records where each wanted member's value lies. Nested objects and arrays
/// are skipped. This is the collector's fast path; `ValueSlice.text(in:)` decodes on demand.
public enum JSONObjectScanner {
    /// Why a line is not one JSON object.
    public struct SyntaxError: Error, Sendable {
        /// Byte offset of the problem.
        public var offset: Int
        /// What was expected there.
        public var message: String
    }

    /// Fills `slots` (one per matcher slot, reset to missing first) from the object in `line`.
    public static func scan(
        _ line: UnsafeBufferPointer<UInt8>, matcher: FieldMatcher, into slots: UnsafeMutableBufferPointer<ValueSlice>,
        priorities: UnsafeMutableBufferPointer<Int>
    ) -> SyntaxError? {
        if scanPlain(line, matcher: matcher, into: slots, priorities: priorities, memo: UnsafeMutableBufferPointer(start: nil, count: 0)) {
            return nil
        }
        return scanCarefully(line, matcher: matcher, into: slots, priorities: priorities)
    }

    /// The careful scan: decides from scratch, for any line, and says where a line is not JSON.
    static func scanCarefully(
        _ line: UnsafeBufferPointer<UInt8>, matcher: FieldMatcher, into slots: UnsafeMutableBufferPointer<ValueSlice>,
        priorities: UnsafeMutableBufferPointer<Int>
    ) -> SyntaxError? {
        for i in 0..<slots.count { slots[i] = .missing; priorities[i] = Int.max }
        var scanner = Cursor(line)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return scanner.error("expected a JSON object starting with '{'") }
        scanner.skipSpace()
        if scanner.take(UInt8(ascii: "}")) { return scanner.trailing() }
        while true {
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: "\"") else { return scanner.error("expected a member name in double quotes") }
            guard let key = scanner.string() else { return scanner.error("unterminated or invalid string") }
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { return scanner.error("expected ':' after a member name") }
            scanner.skipSpace()
            guard let value = scanner.value() else {
                return scanner.error(scanner.tooDeep ? "nesting deeper than \(JSONParser.maxDepth) levels" : "expected a JSON value")
            }
            if !key.escaped, let (slot, priority) = matcher.match(UnsafeBufferPointer(rebasing: line[key.start..<key.end])),
                priority < priorities[slot]
            {
                slots[slot] = value
                priorities[slot] = priority
            }
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            if scanner.take(UInt8(ascii: "}")) { return scanner.trailing() }
            return scanner.error("expected ',' or '}' after a member")
        }
    }

    /// The fast path: fills the slots (reset first) of a well-formed, all-ASCII line with plain
    /// keys and returns true, or returns false at the first thing it does not handle (an escaped
    /// key, a byte above 0x7F, a syntax error, an empty object), leaving the line to the careful
    /// scan. Raw pointers and eight bytes at a time; values it does not inline (escaped strings,
    /// numbers, literals, nested values) go through the same `Cursor` code as the careful scan, so
    /// both fill the slots alike. `memo` remembers the key at each position of earlier lines (see
    /// ``KeyMemo``); pass an empty buffer to scan without it.
    static func scanPlain(
        _ line: UnsafeBufferPointer<UInt8>, matcher: FieldMatcher, into slots: UnsafeMutableBufferPointer<ValueSlice>,
        priorities: UnsafeMutableBufferPointer<Int>, memo: UnsafeMutableBufferPointer<KeyMemo>
    ) -> Bool {
        for i in 0..<slots.count { slots[i] = .missing; priorities[i] = Int.max }
        guard let p = line.baseAddress else { return false }
        let n = line.count
        var i = skipSpace(p, n, 0)
        guard i < n, p[i] == UInt8(ascii: "{") else { return false }
        i += 1
        var position = 0
        while true {
            i = skipSpace(p, n, i)
            guard i < n, p[i] == UInt8(ascii: "\"") else { return false }
            let keyStart = i + 1
            let keyEnd: Int
            let match: (slot: Int, priority: Int)?
            if position < memo.count, let known = memo[position].recognize(p + keyStart, readable: n - keyStart) {
                keyEnd = keyStart + known.length
                match = known.slot >= 0 ? (known.slot, known.priority) : nil
            } else {
                guard let end = plainStringEnd(p, n, keyStart) else { return false }
                keyEnd = end
                match = matcher.match(p + keyStart, count: keyEnd - keyStart, readable: n - keyStart)
                if position < memo.count {
                    memo[position] = KeyMemo(p + keyStart, length: keyEnd - keyStart, readable: n - keyStart, slot: match?.slot ?? -1,
                                             priority: match?.priority ?? 0)
                }
            }
            position += 1
            i = skipSpace(p, n, keyEnd + 1)
            guard i < n, p[i] == UInt8(ascii: ":") else { return false }
            i = skipSpace(p, n, i + 1)
            guard i < n else { return false }
            let value: ValueSlice
            if p[i] == UInt8(ascii: "\""), let end = plainStringEnd(p, n, i + 1) {
                value = ValueSlice(start: Int32(i + 1), count: Int32(end - i - 1), kind: .string)
                i = end + 1
            } else {
                var cursor = Cursor(line)
                cursor.index = i
                guard let slice = cursor.value(), FNV1a.isASCII(UnsafeBufferPointer(rebasing: line[i..<cursor.index])) else { return false }
                value = slice
                i = cursor.index
            }
            if let (slot, priority) = match, priority < priorities[slot] {
                slots[slot] = value
                priorities[slot] = priority
            }
            i = skipSpace(p, n, i)
            guard i < n else { return false }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard p[i] == UInt8(ascii: "}") else { return false }
            return skipSpace(p, n, i + 1) == n
        }
    }

    /// The index of the first byte at or after `i` that is not JSON white space.
    @inline(__always)
    static func skipSpace(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
        var i = i
        // Every white space byte is at most 0x20: one comparison for the usual printable byte.
        while i < n, p[i] <= 0x20, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
        return i
    }

    /// The index of the quote closing a string whose content starts at `start`, or nil when
    /// the string holds an escape, a control character or a byte above 0x7F, or does not end.
    @inline(__always)
    static func plainStringEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int? {
        var i = start
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // Bytes above 0x7F end the fast path too, so a line it accepts is ASCII (valid UTF-8).
            let special = Cursor.specialBytes(word) | (word & 0x8080_8080_8080_8080)
            if special != 0 {
                // The lowest flagged byte is exact (borrows only run upward).
                i += special.trailingZeroBitCount >> 3
                return p[i] == UInt8(ascii: "\"") ? i : nil
            }
            i += 8
        }
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") { return i }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
            i += 1
        }
        return nil
    }

    /// A position in the line.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// Set when a value failed for nesting too deep, so the reject says so.
        var tooDeep = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

        func error(_ message: String) -> SyntaxError { SyntaxError(offset: index, message: message) }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while index < bytes.count {
                let b = bytes[index]
                guard b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A else { return }
                index += 1
            }
        }

        mutating func trailing() -> SyntaxError? {
            skipSpace()
            return index == bytes.count ? nil : error("unexpected text after the JSON object")
        }

        /// A string at the cursor (on its opening quote): the content's range and whether it holds escapes.
        mutating func string() -> (start: Int, end: Int, escaped: Bool)? {
            index += 1
            let start = index
            var escaped = false
            let base = UnsafeRawPointer(bytes.baseAddress!)
            while index < bytes.count {
                // Eight bytes at a time until one of them is a quote, a backslash or a control character.
                while index + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if !Self.mayEndString(word) { index += 8 } else { break }
                }
                guard index < bytes.count else { break }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    return (start, index - 1, escaped)
                }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    guard index + 1 < bytes.count else { return nil }
                    let e = bytes[index + 1]
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 2
                    case UInt8(ascii: "u"):
                        guard index + 5 < bytes.count else { return nil }
                        for k in 2...5 where !isHexDigit(bytes[index + k]) { return nil }
                        index += 6
                    default: return nil
                    }
                    continue
                }
                if b < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// Whether any byte of `word` is a quote, a backslash or below 0x20.
        @inline(__always)
        static func mayEndString(_ word: UInt64) -> Bool { specialBytes(word) != 0 }

        /// The high bit of each byte of `word` that may be a quote, a backslash or below 0x20
        /// (the classic SWAR tests); the lowest bit set marks the first such byte exactly.
        @inline(__always)
        static func specialBytes(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            return found & highs
        }

        /// Any JSON value at the cursor.
        mutating func value() -> ValueSlice? {
            guard index < bytes.count else { return nil }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let s = string() else { return nil }
                return ValueSlice(start: Int32(s.start), count: Int32(s.end - s.start), kind: s.escaped ? .escapedString : .string)
            case UInt8(ascii: "t"): return literal("true", .trueLiteral)
            case UInt8(ascii: "f"): return literal("false", .falseLiteral)
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard skipComposite() else { return nil }
                return ValueSlice(start: Int32(start), count: Int32(index - start), kind: .composite)
            default:
                guard number() else { return nil }
                return ValueSlice(start: Int32(start), count: Int32(index - start), kind: .number)
            }
        }

        mutating func literal(_ word: StaticString, _ kind: ValueSlice.Kind) -> ValueSlice? {
            let n = word.utf8CodeUnitCount
            guard index + n <= bytes.count else { return nil }
            let p = word.utf8Start
            for k in 0..<n where bytes[index + k] != p[k] { return nil }
            let start = index
            index += n
            return ValueSlice(start: Int32(start), count: Int32(n), kind: kind)
        }

        /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        package mutating func number() -> Bool {
            if peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { return false }
            if peek == UInt8(ascii: "0") { index += 1 } else { while isDigit(peek) { index += 1 } }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard isDigit(peek) else { return false }
                while isDigit(peek) { index += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard isDigit(peek) else { return false }
                while isDigit(peek) { index += 1 }
            }
            return true
        }

        /// Skips a nested object or array (the cursor on its bracket), checking its syntax.
        ///
        /// Nesting stops at JSONParser's depth, counting the line's own object: a line accepted
        /// here must parse there too, or an exposure line's targeting attributes would vanish.
        mutating func skipComposite() -> Bool {
            var closers: [UInt8] = []
            while true {
                let b = peek
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    guard closers.count < JSONParser.maxDepth - 1 else { tooDeep = true; return false }
                    index += 1
                    closers.append(b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                    skipSpace()
                    if !take(closers[closers.count - 1]) {
                        if closers[closers.count - 1] == UInt8(ascii: "}") { guard member() else { return false } }
                        skipSpace()
                        continue
                    }
                    closers.removeLast()
                } else {
                    guard value() != nil else { return false }
                }
                // After a value: a comma (then the next member or element) or closing brackets.
                while true {
                    guard let closer = closers.last else { return true }
                    skipSpace()
                    if take(UInt8(ascii: ",")) {
                        skipSpace()
                        if closer == UInt8(ascii: "}") { guard member() else { return false }; skipSpace() }
                        break
                    }
                    guard take(closer) else { return false }
                    closers.removeLast()
                }
            }
        }

        /// A member name and colon.
        mutating func member() -> Bool {
            skipSpace()
            guard peek == UInt8(ascii: "\""), string() != nil else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            return true
        }
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

@inline(__always) func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20) &- 0x61 < 6
}
