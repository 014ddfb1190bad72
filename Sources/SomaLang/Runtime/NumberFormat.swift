/// Formats a number the way Soma shows it: Python's `repr` without a
/// trailing `.0` (`3`, `-0.5`, `0.30000000000000004`, `1e-05`, `1e+21`).
///
/// Swift already finds the shortest digits that read back to the same
/// value; only the layout (fixed or scientific, and where) follows Python:
/// fixed when the decimal exponent is in -4..<16.
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return x.sign == .minus ? "-0" : "0" }
    // Whole numbers below 1e16 print all their digits (fixed layout): the
    // integer's own text, without going through the digit walk below.
    if Swift.abs(x) < 1e16, let whole = Int(exactly: x) { return String(whole) }
    let (digits, exponent) = shortestDigits(abs(x))
    let sign = x < 0 ? "-" : ""
    if exponent >= -4 && exponent < 16 {
        return sign + fixedLayout(digits, exponent)
    }
    var mantissa = String(digits.prefix(1))
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let e = abs(exponent)
    return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0\(e)" : "\(e)")
}

/// The significant digits of a positive finite `x` and the decimal exponent
/// of the first one (`x = d.ddd × 10^exponent`).
func shortestDigits(_ x: Double) -> (digits: [Character], exponent: Int) {
    let text = x.description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var digits: [Character] = []
    var pointPosition = mantissa.count
    for (i, c) in mantissa.enumerated() {
        if c == "." { pointPosition = i } else { digits.append(c) }
    }
    // Leading zeros (0.001) move the first significant digit right.
    var leading = 0
    while leading < digits.count - 1, digits[leading] == "0" { leading += 1 }
    digits.removeFirst(leading)
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    return (digits, exponent + pointPosition - 1 - leading)
}

private func fixedLayout(_ digits: [Character], _ exponent: Int) -> String {
    if exponent < 0 {
        return "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
    }
    let integerCount = exponent + 1
    if digits.count <= integerCount {
        return String(digits) + String(repeating: "0", count: integerCount - digits.count)
    }
    return String(digits.prefix(integerCount)) + "." + String(digits.dropFirst(integerCount))
}
