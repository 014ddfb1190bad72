import SomaCore

/// Tensors past this many elements show only their edges, like numpy.
private let summaryThreshold = 1000
private let edgeItems = 3
private let lineWidth = 75
/// The most elements one tensor display writes out (a 2^20-element tensor
/// of 20 axes of extent 2 is not summarised, as in numpy, but is not shown).
private let maxShownElements = 1 << 16

/// A tensor laid out like numpy's repr: aligned columns, one bracket level
/// per axis, `...` in place of the middle of large axes; a dtype other than
/// float64 is named after it, as numpy does (`[1, 2], dtype=float32`).
public func formatTensor(_ t: Tensor) -> String {
    let text = formatElements(t)
    return t.dtype == .float64 ? text : text + ", dtype=" + t.dtype.rawValue
}

private func formatElements(_ t: Tensor) -> String {
    if t.shape.isEmpty { return t.count == 1 ? formatNumber(t[flat: 0]) : "nil" }
    if t.count == 0 { return t.rank == 1 ? "[]" : "tensor(shape \(t.shape))" }
    let summarize = t.count > summaryThreshold
    // Many short axes ([2, 2, ..., 2]) are not summarised but would still
    // show millions of elements: past the cap only the shape is shown.
    var shownCount = 1
    for d in t.shape {
        shownCount = shownCount.multipliedReportingOverflow(by: summarize ? Swift.min(d, 2 * edgeItems) : d).partialValue
        if shownCount > maxShownElements { return "tensor(shape \(t.shape))" }
    }
    let strides = t.strides
    // Only the elements that will be shown are looked at: their style (as
    // numpy, which styles a summarised array by its edges) and their text.
    // Styling all of `rand(3000, 3000)` took 30 s.
    var offsets: [Int] = []
    offsets.reserveCapacity(shownCount)
    func visit(_ axis: Int, _ offset: Int) {
        if axis == t.rank { offsets.append(offset); return }
        for i in shownIndices(t.shape[axis], summarize) { visit(axis + 1, offset + i * strides[axis]) }
    }
    visit(0, 0)
    let style = ElementStyle(offsets.map { t[flat: $0] })
    var cells: [Int: String] = [:]
    for offset in offsets { cells[offset] = style.format(t[flat: offset]) }
    let width = cells.values.map(\.count).max() ?? 1
    func render(_ axis: Int, _ offset: Int, _ indent: Int) -> String {
        let indices = shownIndices(t.shape[axis], summarize)
        let full = t.shape[axis]
        if axis == t.rank - 1 {
            var lines: [String] = []
            var line = ""
            for (k, i) in indices.enumerated() {
                var item = pad(cells[offset + i * strides[axis]] ?? "", width)
                if summarize && full > 2 * edgeItems && k == edgeItems { item = "..., " + item }
                let piece = k + 1 < indices.count ? item + ", " : item
                if !line.isEmpty && indent + line.count + piece.count > lineWidth {
                    lines.append(line)
                    line = ""
                }
                line += piece
            }
            lines.append(line)
            let trimmed = lines.map { $0.hasSuffix(", ") ? String($0.dropLast()) : $0 }
            return "[" + trimmed.joined(separator: "\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let separator = ",\n" + String(repeating: "\n", count: t.rank - axis - 2) + String(repeating: " ", count: indent + 1)
        var parts: [String] = []
        for (k, i) in indices.enumerated() {
            if summarize && full > 2 * edgeItems && k == edgeItems { parts.append("...") }
            parts.append(render(axis + 1, offset + i * strides[axis], indent + 1))
        }
        return "[" + parts.joined(separator: separator) + "]"
    }
    return render(0, 0, 0)
}

private func shownIndices(_ n: Int, _ summarize: Bool) -> [Int] {
    if summarize && n > 2 * edgeItems { return Array(0..<edgeItems) + Array((n - edgeItems)..<n) }
    return Array(0..<n)
}

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

/// How the elements of one tensor are written: all as integers, all fixed
/// with up to 8 decimals, or all scientific (numpy's rule of thumb).
private struct ElementStyle {
    enum Kind { case integer, fixed, scientific }
    var kind: Kind
    var decimals = 0

    init(_ data: [Double]) {
        let finite = data.filter(\.isFinite).map(Swift.abs)
        let largest = finite.max() ?? 0
        let smallest = finite.filter { $0 > 0 }.min() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e16 {
            kind = .integer
        } else if largest >= 1e8 || (smallest > 0 && smallest < 1e-4) || (smallest > 0 && largest / smallest > 1e3 && smallest < 1e-3) {
            kind = .scientific
            decimals = finite.map { ElementStyle.significantDecimals(cFormat("%.7e", $0).prefix(while: { $0 != "e" })) }.max() ?? 0
        } else {
            kind = .fixed
            decimals = finite.map { ElementStyle.significantDecimals(Substring(cFormat("%.8f", $0))) }.max() ?? 0
        }
    }

    /// Decimals left after dropping trailing zeros from a `d.ddd` text.
    static func significantDecimals(_ text: Substring) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        let fraction = text[text.index(after: dot)...].reversed().drop(while: { $0 == "0" })
        return fraction.count
    }

    func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        switch kind {
        case .integer: return formatNumber(x == 0 ? 0 : x)
        case .fixed:
            // As numpy: every element keeps its point, and the zeros that a
            // shorter element does not need become spaces, so that points
            // line up in a column (`[0.5 , 1.25, 3.  ]`).
            var text = cFormat("%.\(decimals)f", x)
            var dropped = 0
            if decimals > 0 {
                while text.hasSuffix("0") { text.removeLast(); dropped += 1 }
            }
            if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
            return text + String(repeating: " ", count: dropped)
        case .scientific: return cFormat("%.\(decimals)e", x)
        }
    }
}
