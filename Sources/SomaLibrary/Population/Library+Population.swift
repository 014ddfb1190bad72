extension Library {
    /// Population coding (course unit 5): the step loop of the population
    /// dynamics; the rest of the model is Stdlib/neural/population.soma.
    static var neuralPopulation: LibrarySection {
        LibrarySection(name: "neural-population", builtins: PopulationRunBindings.builtins)
    }
}
