import SomaCore
import SomaLang
import SomaPlot

// Reading plot arguments: numbers, styles, colours, markers and spike trains.

/// The session's plot state, from a builtin's arguments.
func plots(_ args: Arguments) -> PlotState {
    args.context.state(PlotState.self) { PlotState() }
}

/// A tensor or list argument as a flat list of numbers.
func numbers(_ args: Arguments, _ index: Int, _ name: String) throws -> [Double] {
    try args.tensor(index, name).data
}

/// `plot`'s positionals: (y), (x, y), (y, fmt) or (x, y, fmt); y's columns when it is a matrix.
func lineArguments(_ args: Arguments) throws -> (x: [Double]?, y: [[Double]], fmt: String?) {
    var values = Array(args.positional)
    var fmt: String?
    if let last = values.last, case .string(let s) = last {
        fmt = s
        values.removeLast()
    }
    guard !values.isEmpty else { throw SomaError.type("plot: missing argument 'y'") }
    let yIndex = values.count >= 2 ? 1 : 0
    let yName = yIndex == 1 ? "y" : "x"
    let yTensor = try args.convertedTensor(values[yIndex], yName)
    let x = values.count >= 2 ? try args.convertedTensor(values[0], "x").data : nil
    guard values.count <= 2 else { throw SomaError.type("plot: too many arguments (use plot(x, y, \"fmt\"))") }
    if yTensor.rank == 2 {
        let rows = yTensor.shape[0], cols = yTensor.shape[1]
        let ys = yTensor.data  // once: a float32 tensor's `data` converts on every access
        let columns = (0..<cols).map { c in (0..<rows).map { r in ys[r * cols + c] } }
        return (x, columns, fmt)
    }
    return (x, [yTensor.data], fmt)
}

extension Arguments {
    /// A value (already fetched) as a tensor, with this builtin's error wording.
    func convertedTensor(_ value: Value, _ name: String) throws -> Tensor {
        do {
            return try value.asTensor()
        } catch let error as SomaError {
            throw SomaError(error.kind, "\(callee): argument '\(name)': \(error.message)")
        }
    }
}

/// `label:` as one label per line: a string labels the first, a list labels each.
func labelList(_ args: Arguments, count: Int) throws -> [String?] {
    var labels = [String?](repeating: nil, count: count)
    guard let value = args.keyword("label"), !value.isNil else { return labels }
    switch value {
    case .string(let s): labels[0] = s
    case .list(let items):
        for (i, item) in items.prefix(count).enumerated() { labels[i] = item.stringValue ?? item.displayString }
    default: labels[0] = value.displayString
    }
    return labels
}

/// A format string with `marker:` and `linestyle:` folded in (they win over the string).
func styleKeywords(_ args: Arguments, _ fmt: String?) throws -> String? {
    let marker = try args.keywordString("marker")
    let line = try args.keywordString("linestyle")
    guard marker != nil || line != nil else { return fmt }
    let names = ["solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-.", "none": "", "": ""]
    let parsed = try plotCall(args.callee) { try LineFormat(parsing: fmt ?? "") }
    var out = parsed.color.flatMap { c in "bgrcmykw".first { (try? Color(parsing: String($0))) == c } }.map { String($0) } ?? ""
    if let marker {
        guard Marker(rawValue: marker) != nil else {
            throw SomaError.value("\(args.callee): unknown marker '\(marker)'; use one of o . x + s ^ v d")
        }
        out += marker
    } else if let m = parsed.marker {
        out += m.rawValue
    }
    if let line {
        guard let code = names[line] ?? (["-", "--", ":", "-."].contains(line) ? line : nil) else {
            throw SomaError.value("\(args.callee): unknown linestyle '\(line)'; use - -- : -. or solid, dashed, dotted, dashdot, none")
        }
        // "none" keeps markers only; a marker with no line style written draws both, as in matplotlib.
        out += code.isEmpty ? "" : code
        if code.isEmpty && out.isEmpty { out = "." }
    } else {
        out += parsed.dash?.rawValue ?? "-"
    }
    return out
}

/// `color:` as a colour, or nil when not given.
func colorKeyword(_ args: Arguments) throws -> Color? {
    guard let name = try args.keywordString("color") else { return nil }
    return try plotCall(args.callee) { try Color(parsing: name) }
}

/// `marker:` as a marker shape.
func markerKeyword(_ args: Arguments, default fallback: Marker) throws -> Marker {
    guard let text = try args.keywordString("marker") else { return fallback }
    guard let marker = Marker(rawValue: text) else {
        throw SomaError.value("\(args.callee): unknown marker '\(text)'; use one of o . x + s ^ v d")
    }
    return marker
}

/// A line width in points (`width:`): finite and 0...100. It becomes pixel
/// sizes and polygon sides, so NaN, inf or 1e20 must stop here.
func lineWidthKeyword(_ args: Arguments, default fallback: Double) throws -> Double {
    let v = try args.keywordNumber("width", default: fallback)
    guard v.isFinite, v >= 0, v <= 100 else {
        throw SomaError.value("\(args.callee): width must be a line width from 0 to 100 points, got \(formatNumber(v))")
    }
    return v
}

/// A whole-number keyword that becomes a count or a size, in `range`.
func countKeyword(_ args: Arguments, _ name: String, default fallback: Int? = nil, in range: ClosedRange<Int>) throws -> Int? {
    guard args.keyword(name).map({ !$0.isNil }) ?? false else { return fallback }
    let v = try args.keywordNumber(name, default: Double(fallback ?? 0))
    guard let n = Int(exactly: v), range.contains(n) else {
        throw SomaError.value("\(args.callee): \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(formatNumber(v))")
    }
    return n
}

/// A keyword in 0...1 such as `alpha:`.
func unitKeyword(_ args: Arguments, _ name: String, default fallback: Double) throws -> Double {
    let v = try args.keywordNumber(name, default: fallback)
    guard v >= 0, v <= 1 else { throw SomaError.value("\(args.callee): \(name) must be between 0 and 1, got \(formatNumber(v))") }
    return v
}

/// Point colours for `c:`: class labels through tab10, other values through viridis.
func pointColors(_ values: [Double]) -> [Color] {
    if values.allSatisfy({ $0.isFinite && $0 == $0.rounded() && abs($0) < 1e9 }) {
        return values.map { Color.cycle(Int($0)) }
    }
    let finite = values.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    return values.map { Colormap.viridis.color(at: hi > lo ? ($0 - lo) / (hi - lo) : 0.5) }
}

/// `raster`'s spikes: a list of spike-time tensors, or a 0/1 matrix with step `dt`.
func spikeTrains(_ args: Arguments) throws -> [[Double]] {
    let value = try args.value(0, "spikes")
    if case .list(let items) = value {
        return try items.enumerated().map { i, item in
            try args.convertedTensor(item, "spikes[\(i)]").data
        }
    }
    let matrix = try args.tensor(0, "spikes")
    let dt = try args.keywordNumber("dt", default: 1)
    guard dt.isFinite, dt > 0 else { throw SomaError.value("raster: dt must be positive") }
    if matrix.rank == 1 { return [matrix.data] }
    guard matrix.rank == 2 else {
        throw SomaError.shape("raster: spikes must be a list of spike-time tensors or a neurons x steps matrix, got shape \(matrix.shape)")
    }
    let rows = matrix.shape[0], cols = matrix.shape[1]
    let spikes = matrix.data  // once: a float32 tensor's `data` converts on every access
    return (0..<rows).map { r in
        (0..<cols).compactMap { c in spikes[r * cols + c] != 0 ? Double(c) * dt : nil }
    }
}
