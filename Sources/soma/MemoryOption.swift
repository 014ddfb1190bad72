import SomaCore

/// `--max-memory SIZE` (or `--max-memory=SIZE`) anywhere on the command
/// line sets the memory budget for whatever command runs.
enum MemoryOption {
    static let name = "--max-memory"

    /// Applies and removes the option from `arguments`; returns a message
    /// when its value is missing or not a size.
    static func apply(_ arguments: inout [String]) -> String? {
        var kept: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            var value: String?
            if argument == name {
                guard i + 1 < arguments.count else { return "\(name) needs a size, as in \(name) 2G" }
                value = arguments[i + 1]
                i += 1
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
            } else {
                kept.append(argument)
            }
            if let value {
                guard let bytes = parse(value) else {
                    return "\(name): '\(value)' is not a size (write 2G, 512M, 100K or a number of bytes)"
                }
                MemoryBudget.set(bytes: bytes)
            }
            i += 1
        }
        arguments = kept
        return nil
    }

    /// Bytes in `text`: a whole number with an optional K, M, G or T suffix (powers of 1024).
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        if digits.hasSuffix("B") { digits.removeLast() }
        var scale = 1
        if let last = digits.last, let power = ["K": 10, "M": 20, "G": 30, "T": 40][String(last)] {
            scale = 1 << power
            digits.removeLast()
        }
        guard let n = Int(digits), n > 0 else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}
