extension StringProtocol {
    /// The text without leading and trailing whitespace and line breaks.
    ///
    /// Shared by signature parsing, `num`, and notebook parsing and
    /// rendering; scalars rather than characters, so a run of spaces is not
    /// re-segmented into graphemes at each step. Inlinable so the hot
    /// Markdown loops get a specialised copy.
    @inlinable
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
