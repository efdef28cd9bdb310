#pragma once

#include <QLabel>

namespace pathway {

// The red line under a form that says what is wrong, word-wrapped and
// hidden while there is nothing to say. One look for every dialog.
class ErrorLabel : public QLabel
{
    Q_OBJECT
public:
    ErrorLabel(const QString &objectName, QWidget *parent);

    // Shows `message`; an empty one hides the label.
    void showMessage(const QString &message);
    // What is shown; empty while hidden.
    QString message() const;
};

} // namespace pathway
