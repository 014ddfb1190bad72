import SomaLang
import SomaNeural
import SomaPlot
