// Adding a library section (tensor, plot, neural, ...):
//   1. In your own file `Library+Area.swift`, write
//        extension Library {
//            static var area: LibrarySection {
//                LibrarySection(name: "area", builtins: [
//                    Builtin("lif_rate(v, tau_m: 20ms, tau_ref: 2ms)", doc: "...") { args in ... },
//                ])
//            }
//        }
//      (optionally `atRunEnd:` — code run after every `Session.run`, e.g. writing figures).
//   2. Add `area` to `Library.sections` below: that one line is the only edit here.
// Builtins read arguments through `Arguments` (typed accessors with clear
// errors), call back into Soma with `args.context.call(f, [x])`, write with
// `args.context.output.write(...)`, and keep per-session state in
// `args.context.state(MyState.self) { MyState() }`. See SomaLang/Runtime.
import SomaLang
import SomaNeural
import SomaPlot

/// A named group of builtins that belongs to one area of the library.
public struct LibrarySection {
    public var name: String
    public var builtins: [Builtin]
    /// Runs after each `Session.run` (the plot section writes figures then).
    public var atRunEnd: ((Context) throws -> Void)?

    public init(name: String, builtins: [Builtin], atRunEnd: ((Context) throws -> Void)? = nil) {
        self.name = name
        self.builtins = builtins
        self.atRunEnd = atRunEnd
    }
}

/// The table of every builtin Soma offers, assembled from per-area sections.
public enum Library {
    /// All sections, installed in this order (a later section's builtin
    /// replaces an earlier one of the same name).
    public static var sections: [LibrarySection] {
        [core, conversions, objects, tensor, plot, neural, neuralNets, progress, neuralPopulation, data, unsupervised]
    }

    /// Defines every builtin of every section in `interpreter` and registers their hooks.
    public static func install(into interpreter: Interpreter, sections: [LibrarySection] = Library.sections) {
        for section in sections {
            for builtin in section.builtins { interpreter.define(builtin) }
            if let hook = section.atRunEnd { interpreter.runEndHooks.append(hook) }
        }
    }
}
