/// A `$regex` pattern compiled once. Uses the standard library's `Regex`, whose syntax
/// accepts the JavaScript patterns GrowthBook's UI produces (groups, classes, anchors,
/// alternation, quantifiers); a pattern it cannot compile never matches, as in GrowthBook.
final class CompiledRegex: @unchecked Sendable {
    // Regex is immutable once built; matching does not mutate it.
    private let regex: Regex<AnyRegexOutput>

    init?(_ pattern: String, caseInsensitive: Bool) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.regex = caseInsensitive ? regex.ignoresCase() : regex
    }

    /// JavaScript's `RegExp.prototype.test`: a match anywhere in `text`.
    func test(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
