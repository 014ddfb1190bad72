import SomaCore
import SomaLang
import SomaPlot

extension Library {
    /// Text, arrows, reference lines and hand-placed ticks on the current axes.
    static var plotAnnotations: [Builtin] {
        [
            Builtin("text(x, y, s, size: 10, ha: \"left\", va: \"baseline\", align:, offset: 0, repel: false, color:)", doc: """
                Writes the string s at the data point (x, y) of the current axes; with tensors x, y and a
                list s, one string per point (word labels beside scatter points). `ha` (or `align`: left,
                center, right) and `va` (top, center, baseline, bottom) say which point of the text sits at
                (x, y); `offset` moves it that many points away horizontally; `size` is in points. Text
                does not change the axis limits. `repel: true` (with lists) spreads labels that would
                overlap up and down, with a thin line back to the point of each label that moved.
                Example: text(1.2, 40, "threshold", ha: "center")
                """) { args in
                let size = try args.keywordNumber("size", default: 10)
                let ha = try args.keywordString("align") ?? args.keywordString("ha", default: "left")
                let offset = try args.keywordNumber("offset", default: 0)
                let color = try colorKeyword(args)
                if case .list(let items) = try args.value(2, "s") {
                    let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                    let strings = items.map(\.textString)
                    let va = try args.keywordString("va", default: "center")
                    let repel = try args.keywordBool("repel", default: false)
                    try plots(args).withAxes { axes in
                        try plotCall("text") {
                            try axes.text(x: x, y: y, strings: strings, size: size, ha: ha, va: va, offset: offset,
                                          color: color, repel: repel)
                        }
                    }
                    return .nil
                }
                let x = try args.number(0, "x"), y = try args.number(1, "y")
                let s = try args.value(2, "s").textString
                let va = try args.keywordString("va", default: "baseline")
                try plots(args).withAxes { axes in
                    try plotCall("text") {
                        try axes.text(x: [x], y: [y], strings: [s], size: size, ha: ha, va: va, offset: offset, color: color)
                    }
                }
                return .nil
            },
            Builtin("annotate(s, xy, xytext:, size: 10, color:)", doc: """
                Writes s at the data point `xytext` with an arrow pointing at the data point `xy`
                (both [x, y]); without `xytext` the text sits at xy with no arrow.
                Example: annotate("spike", [0.105, 40], xytext: [0.2, 30])
                """) { args in
                let s = try args.value(0, "s").textString
                let target = try point(args, args.value(1, "xy"), "xy")
                let from = try args.keyword("xytext").map { try point(args, $0, "xytext") }
                let size = try args.keywordNumber("size", default: 10)
                let color = try colorKeyword(args)
                try plots(args).withAxes { axes in
                    try plotCall("annotate") {
                        if let from {
                            try axes.text(x: from.x, y: from.y, s, size: size, ha: "center", va: "center", color: color,
                                          arrowTo: target)
                        } else {
                            try axes.text(x: target.x, y: target.y, s, size: size, color: color)
                        }
                    }
                }
                return .nil
            },
            referenceLine("axhline", vertical: false, "a horizontal line across the current axes at y", example: "axhline(1, label: \"threshold\")"),
            referenceLine("axvline", vertical: true, "a vertical line across the current axes at x", example: "axvline(0.2, style: \"k:\")"),
            ticksSetter("xticks", onX: true),
            ticksSetter("yticks", onX: false),
        ]
    }

    private static func referenceLine(_ name: String, vertical: Bool, _ summary: String, example: String) -> Builtin {
        let axis = vertical ? "x" : "y"
        return Builtin("\(name)(\(axis), style: \"--\", color:, width: 1, label:)", doc: """
            Draws \(summary) (dashed grey by default; `style` is a format string such as "r-" or "k:").
            Example: \(example)
            """) { args in
            let value = try args.number(0, axis)
            guard value.isFinite else { throw SomaError.value("\(name): \(axis) must be a finite number, got \(formatNumber(value))") }
            let style = try args.keywordString("style", default: "--")
            let color = try colorKeyword(args), label = try args.keywordString("label")
            let width = try args.keywordNumber("width", default: 1)
            guard width.isFinite, width > 0, width <= 100 else { throw SomaError.value("\(name): width must be between 0 and 100 points") }
            try plots(args).withAxes { axes in
                try plotCall(name) {
                    try axes.referenceLine(at: value, vertical: vertical, color: color, width: width, format: style, label: label)
                }
            }
            return .nil
        }
    }

    private static func ticksSetter(_ name: String, onX: Bool) -> Builtin {
        Builtin("\(name)(positions, labels?)", doc: """
            Puts the \(onX ? "x" : "y")-axis ticks of the current axes at `positions`, labelled with `labels`
            (a list of strings or numbers; the positions themselves when left out).
            Example: \(name)(0..<10, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
            """) { args in
            let values = try numbers(args, 0, "positions")
            let labels = try args.optional(1, "labels").map { value -> [String] in
                guard case .list(let items) = value else {
                    if case .tensor(let box) = value { return box.tensor.data.map { formatNumber($0) } }
                    throw SomaError.type("\(name): labels must be a list of strings, got a \(value.typeName)")
                }
                return items.map(\.textString)
            }
            try plots(args).withAxes { axes in
                try plotCall(name) { try axes.setTicks(values, labels: labels, onX: onX) }
            }
            return .nil
        }
    }

    private static func point(_ args: Arguments, _ value: Value, _ name: String) throws -> Point {
        let t = try value.asTensor()
        guard t.count == 2 else { throw SomaError.value("\(args.callee): \(name) must be a point [x, y], got \(t.count) numbers") }
        return Point(t.data[0], t.data[1])
    }
}
