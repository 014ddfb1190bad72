import SomaCore
import SomaPlot

extension Library {
    /// Text inside the axes, at data coordinates (labels for points).
    static var plotText: [Builtin] {
        [
            Builtin("text(x, y, s, size: 10, color:, align: \"left\", offset: 0)", doc: """
                Writes the string s at (x, y) in data coordinates; with lists or tensors x, y and a
                list of strings s, one string per point (word labels beside scatter points).
                `align` is "left" (text starts at the point), "center" or "right"; `offset` moves
                it that many points away horizontally; `size` is in points.
                    scatter(Y[:, 0], Y[:, 1]); text(Y[:, 0], Y[:, 1], words, offset: 5)
                """) { args in
                let x = try numbers(args, 0, "x"), y = try numbers(args, 1, "y")
                let strings: [String]
                switch try args.value(2, "s") {
                case .string(let s): strings = [s]
                case .list(let items): strings = items.map { $0.stringValue ?? $0.displayString }
                case let other: strings = [other.displayString]
                }
                let size = try args.keywordNumber("size", default: 10)
                let offset = try args.keywordNumber("offset", default: 0)
                let align: TextAnchor.Horizontal
                switch try args.keywordString("align", default: "left") {
                case "left": align = .left
                case "center": align = .center
                case "right": align = .right
                case let other: throw SomaError.value("text: align must be \"left\", \"center\" or \"right\", got \"\(other)\"")
                }
                let color = try colorKeyword(args) ?? .ink
                try plots(args).withAxes { axes in
                    try plotCall("text") {
                        try axes.text(x: x, y: y, strings: strings, size: size, align: align, offset: offset, color: color)
                    }
                }
                return .nil
            },
        ]
    }
}
