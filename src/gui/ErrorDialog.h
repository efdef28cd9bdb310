#pragma once

#include "pathway/core/Result.h"

class QWidget;

namespace pathway {

// The one place where the GUI turns an Error from core or storage into a
// message box for the counselor.
class ErrorDialog
{
public:
    // Shows "Could not <what>." and the error's message; modal on `parent`.
    static void show(QWidget *parent, const QString &what, const Error &error);
};

} // namespace pathway
