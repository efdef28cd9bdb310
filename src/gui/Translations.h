#pragma once

class QCoreApplication;

namespace pathway {

// Loads Pathway's English plural forms into `app`, so that a tr("%n people",
// nullptr, n) reads "1 person" and "3 people". Called by main and the GUI
// tests; false when the built-in translation is missing.
bool installTranslations(QCoreApplication &app);

} // namespace pathway
