import SomaCore
import SomaPlot

extension Library {
    /// The drawing calls: each adds a series to the current axes.
    static var plotKinds: [Builtin] {
        [
            Builtin("plot(x, y?, fmt?, label:, style:, color:, width:, marker:, linestyle:)", doc: """
                Draws y against x as a line on the current axes (x defaults to 0, 1, 2, ...).
                `fmt`/`style` is a matplotlib format string: colour letter, marker (o . x + s ^ v d)
                and line (- -- : -.), e.g. "r--" or "o"; `marker:` and `linestyle:` set one part.
                A matrix y draws one line per column.
                    plot(v, lif_rate(v), label: "G(v)")
                """) { args in
                var (x, y, fmt) = try lineArguments(args)
                fmt = try args.keywordString("style") ?? fmt
                fmt = try styleKeywords(args, fmt)
                let color = try colorKeyword(args)
                let width = try args.keywordNumber("width", default: 1.5)
                let labels = try labelList(args, count: y.count)
                try plots(args).withAxes { axes in
                    for (i, column) in y.enumerated() {
                        try plotCall("plot") {
                            try axes.plot(x: x, y: column, format: fmt, color: color, width: width, label: labels[i])
                        }
                    }
                }
                return .nil
            },
            Builtin("step(x, y, where: \"pre\", label:, color:, width:)", doc: """
                Draws y as a staircase over x; `where` is "pre", "post" or "mid" as in matplotlib.
                """) { args in
                let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                let position = try args.keywordString("where", default: "pre")
                let color = try colorKeyword(args), label = try args.keywordString("label")
                let width = try args.keywordNumber("width", default: 1.5)
                try plots(args).withAxes { axes in
                    try plotCall("step") { try axes.step(x: x, y: y, where: position, color: color, width: width, label: label) }
                }
                return .nil
            },
            Builtin("scatter(x, y, c:, size:, marker:, color:, alpha:, label:)", doc: """
                Draws a marker at each (x, y). `c:` colours points by value: whole numbers (class
                labels) through the tab10 cycle, others through viridis. `size` is the marker
                diameter in points (6), `marker` one of o . x + s ^ v d.
                    scatter(X[:, 0], X[:, 1], c: labels)
                """) { args in
                let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                let marker = try markerKeyword(args, default: .circle)
                let size = try args.keywordNumber("size", default: 6)
                guard size.isFinite, size > 0, size <= 200 else { throw SomaError.value("scatter: size must be between 0 and 200 points") }
                let alpha = try unitKeyword(args, "alpha", default: 1)
                var colors: [Color]?
                if let c = try args.keywordTensor("c") { colors = pointColors(c.data) }
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("scatter") {
                        try axes.scatter(x: x, y: y, size: size, marker: marker, color: color, colors: colors,
                                         alpha: alpha, label: label)
                    }
                }
                return .nil
            },
            Builtin("stem(x, y?, label:, color:)", doc: "Draws a stem from 0 to each value with a marker on top (x defaults to 0, 1, 2, ...).") { args in
                let first = try numbers(args, 0, "x")
                let second = try args.optional(1, "y").map { _ in try numbers(args, 1, "y") }
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("stem") {
                        if let second { try axes.stem(x: first, y: second, color: color, label: label) }
                        else { try axes.stem(y: first, color: color, label: label) }
                    }
                }
                return .nil
            },
            Builtin("bar(x, height, width: 0.8, color:, alpha:, label:)", doc: "Draws a bar of the given height centred on each x.") { args in
                let x = try numbers(args, 0, "x"), height = try numbers(args, 1, "height")
                let width = try args.keywordNumber("width", default: 0.8)
                let alpha = try unitKeyword(args, "alpha", default: 1)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("bar") { try axes.bar(x: x, height: height, width: width, color: color, alpha: alpha, label: label) }
                }
                return .nil
            },
            Builtin("hist(x, bins: 10, range:, density: false, color:, alpha:, label:)", doc: """
                Draws a histogram of the values in x with `bins` equal bins over `range`
                ([lo, hi], default the data's). `density: true` scales the area to 1.
                """) { args in
                let x = try numbers(args, 0, "x")
                let bins = try args.keywordInt("bins", default: 10)
                var range: (Double, Double)?
                if let r = try args.keywordTensor("range") {
                    guard r.count == 2 else { throw SomaError.value("hist: range must be [lo, hi]") }
                    range = (r.data[0], r.data[1])
                }
                let density = try args.keywordBool("density", default: false)
                let alpha = try unitKeyword(args, "alpha", default: 1)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("hist") {
                        _ = try axes.hist(x, bins: bins, range: range, density: density, color: color, alpha: alpha, label: label)
                    }
                }
                return .nil
            },
            Builtin("fill_between(x, y1, y2?, color:, alpha: 0.3, label:)", doc: """
                Shades the area between y1 and y2 (default 0) over x, e.g. mean ± std.
                    fill_between(t, m - s, m + s)
                """) { args in
                let x = try numbers(args, 0, "x"), y1 = try numbers(args, 1, "y1")
                let y2 = try args.optional(2, "y2").map { _ in try numbers(args, 2, "y2") }
                let alpha = try unitKeyword(args, "alpha", default: 0.3)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("fill_between") { try axes.fillBetween(x: x, y1: y1, y2: y2, color: color, alpha: alpha, label: label) }
                }
                return .nil
            },
            Builtin("raster(spikes, dt: 1, color:, label:)", doc: """
                Draws a spike raster: `spikes` is a list of spike-time tensors, one per neuron
                (neuron 0 at the bottom), or a neurons x steps matrix of 0/1 with step `dt`.
                    raster(out.spikes); xlabel("time (s)")
                """) { args in
                let trains = try spikeTrains(args)
                let color = try colorKeyword(args) ?? Color.ink, label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    axes.raster(trains, color: color, label: label)
                    if axes.ylabel == nil { axes.ylabel = "neuron" }
                }
                return .nil
            },
        ] + plotImages + [plotColorbar]
    }
}

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
        let columns = (0..<cols).map { c in (0..<rows).map { r in yTensor.data[r * cols + c] } }
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
    return (0..<rows).map { r in
        (0..<cols).compactMap { c in matrix.data[r * cols + c] != 0 ? Double(c) * dt : nil }
    }
}
