import ABStats

extension MultipleComparisonCorrection {
    /// The correction a user names: its own name or a common alias (`benjamini-hochberg`, `fdr_bh`
    /// for `bh`), in any case; nil for anything else.
    public init?(named text: String) {
        let aliases = ["benjamini-hochberg": "bh", "fdr_bh": "bh"]
        let name = text.lowercased()
        self.init(rawValue: aliases[name] ?? name)
    }
}
