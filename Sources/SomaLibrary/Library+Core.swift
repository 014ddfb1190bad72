extension Library {
    /// Core builtins: printing, conversion, containers and higher-order functions.
    static var core: LibrarySection {
        LibrarySection(name: "core", builtins: [
            Builtin("print(values...)", doc: "Writes the values separated by spaces, then a line break.") { args in
                args.context.output.write(args.positional.map(\.textString).joined(separator: " ") + "\n")
                return .nil
            },
        ])
    }
}
