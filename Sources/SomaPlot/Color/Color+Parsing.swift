extension Color {
    /// matplotlib's one-letter colours and its tab10 names (also written "tab:blue").
    static let shortNames: [String: UInt32] = [
        "b": 0x0000FF, "g": 0x008000, "r": 0xFF0000, "c": 0x00BFBF, "m": 0xBF00BF,
        "y": 0xBFBF00, "k": 0x000000, "w": 0xFFFFFF,
    ]
    static let tabNames: [String: UInt32] = [
        "blue": 0x1F77B4, "orange": 0xFF7F0E, "green": 0x2CA02C, "red": 0xD62728, "purple": 0x9467BD,
        "brown": 0x8C564B, "pink": 0xE377C2, "gray": 0x7F7F7F, "grey": 0x7F7F7F, "olive": 0xBCBD22,
        "cyan": 0x17BECF,
    ]

    /// Parses a colour the way matplotlib users write one.
    ///
    /// Accepts single letters (`"r"`), cycle entries (`"C3"`), CSS names (`"orange"`,
    /// `"darkorange"`), tab10 names (`"tab:blue"`) and hex (`"#1f77b4"`, `"#1f77b480"`).
    /// - Throws: `PlotError.badArgument` for anything else.
    public init(parsing text: String) throws {
        let s = text.lowercased().trimmingCharacters(in: " ")
        if s.hasPrefix("#") {
            let digits = s.dropFirst()
            guard digits.count == 6 || digits.count == 8, let value = UInt64(digits, radix: 16) else {
                throw PlotError.badArgument("unknown colour '\(text)': hex colours look like #1f77b4")
            }
            if digits.count == 8 {
                self.init(hex: UInt32(truncatingIfNeeded: value >> 8), alpha: Double(value & 0xFF) / 255)
            } else {
                self.init(hex: UInt32(truncatingIfNeeded: value))
            }
            return
        }
        if s.count == 2, s.hasPrefix("c"), let digit = Int(s.dropFirst()) {
            self = Color.cycle(digit)
            return
        }
        let hex: UInt32?
        if s.hasPrefix("tab:") {
            hex = Color.tabNames[String(s.dropFirst(4))]
        } else {
            hex = Color.shortNames[s] ?? Color.cssNames[s]
        }
        guard let hex else {
            throw PlotError.badArgument("unknown colour '\(text)'; use a name such as 'red', 'C1' or '#1f77b4'")
        }
        self.init(hex: hex)
    }
}

extension String {
    /// The string without leading and trailing copies of `character`.
    func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
