extension Library {
    /// Hot loops of the unsupervised models of course unit 3 whose algorithms
    /// are written in Soma (Stdlib/neural/*.soma), one file per model.
    static var unsupervised: LibrarySection {
        LibrarySection(name: "unsupervised", builtins: SelfOrganisingMapBindings.builtins)
    }
}
