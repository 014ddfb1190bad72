import SomaCore
import SomaLang
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
                Example:
                    v = linspace(0, 5, 200)
                    plot(v, lif_rate(v), label: "G(v)"); plot(v, lif_rate(v, tau_ref: 5ms), "r--", label: "5 ms")
                """) { args in
                var (x, y, fmt) = try lineArguments(args)
                fmt = try args.keywordString("style") ?? fmt
                fmt = try styleKeywords(args, fmt)
                let color = try colorKeyword(args)
                let width = try lineWidthKeyword(args, default: 1.5)
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
                Example: step(0..<5, [0, 1, 1, 3, 2], where: "post")
                """) { args in
                let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                let position = try args.keywordString("where", default: "pre")
                let color = try colorKeyword(args), label = try args.keywordString("label")
                let width = try lineWidthKeyword(args, default: 1.5)
                try plots(args).withAxes { axes in
                    try plotCall("step") { try axes.step(x: x, y: y, where: position, color: color, width: width, label: label) }
                }
                return .nil
            },
            Builtin("scatter(x, y, c:, size:, marker:, color:, alpha:, label:)", doc: """
                Draws a marker at each (x, y).
                `c:` colours points by value: whole numbers (class labels) through the tab10
                cycle, others through viridis. `size` is the marker diameter in points (6),
                `marker` one of o . x + s ^ v d.
                Example:
                    seed(1); X = randn(100, 2); labels = X[:, 0] > 0
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
            Builtin("stem(x, y?, label:, color:)", doc: """
                Draws a stem from 0 to each value with a marker on top (x defaults to 0, 1, 2, ...).
                Example: stem([0.2, -0.5, 1, 0.3])
                """) { args in
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
            Builtin("bar(x, height, width: 0.8, color:, alpha:, label:)", doc: """
                Draws a bar of the given height centred on each x.
                Example: bar(0..<3, [5, 2, 7], color: "orange")
                """) { args in
                let x = try numbers(args, 0, "x"), height = try numbers(args, 1, "height")
                let width = try args.keywordNumber("width", default: 0.8)
                guard width.isFinite, width > 0 else { throw SomaError.value("bar: width must be a positive number, got \(formatNumber(width))") }
                let alpha = try unitKeyword(args, "alpha", default: 1)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("bar") { try axes.bar(x: x, height: height, width: width, color: color, alpha: alpha, label: label) }
                }
                return .nil
            },
            Builtin("hist(x, bins: 10, range:, density: false, color:, alpha:, label:)", doc: """
                Draws a histogram of the values in x.
                `bins` equal bins cover `range` ([lo, hi], default the data's), or `bins` is a
                list of edges. `density: true` scales the area to 1.
                Example: seed(1); hist(randn(1000), bins: 30, density: true)
                """) { args in
                let x = try numbers(args, 0, "x")
                var edges: [Double]?
                var bins = 10
                if let value = args.keyword("bins"), !value.isNil {
                    if value.numberValue != nil { bins = try args.keywordInt("bins", default: 10) }
                    else { edges = try args.convertedTensor(value, "bins").data }
                }
                var range: (Double, Double)?
                if let r = try args.keywordTensor("range") {
                    guard r.count == 2, r.data.allSatisfy(\.isFinite) else { throw SomaError.value("hist: range must be [lo, hi] of finite numbers") }
                    range = (r.data[0], r.data[1])
                }
                let density = try args.keywordBool("density", default: false)
                let alpha = try unitKeyword(args, "alpha", default: 1)
                let color = try colorKeyword(args), label = try args.keywordString("label")
                try plots(args).withAxes { axes in
                    try plotCall("hist") {
                        if let edges {
                            _ = try axes.hist(x, edges: edges, density: density, color: color, alpha: alpha, label: label)
                        } else {
                            _ = try axes.hist(x, bins: bins, range: range, density: density, color: color, alpha: alpha, label: label)
                        }
                    }
                }
                return .nil
            },
            Builtin("fill_between(x, y1, y2?, color:, alpha: 0.3, label:)", doc: """
                Shades the area between y1 and y2 (default 0) over x, e.g. mean ± std.
                Example:
                    t = linspace(0, 1, 50); m = sin(2 * pi * t); s = 0.2
                    fill_between(t, m - s, m + s); plot(t, m)
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
                Draws a spike raster, one row of ticks per neuron (neuron 0 at the bottom).
                `spikes` is a list of spike-time tensors, one per neuron, or a neurons x steps
                matrix of 0/1 with step `dt`.
                Example:
                    out = lif([1.2, 1.5, 2], T: 0.5)
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
        ] + plotImages + [plotColorbar] + plotFilled
    }
}
