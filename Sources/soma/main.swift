import SomaNotebook
import CEditLine
import ArgumentParser

print("soma")
