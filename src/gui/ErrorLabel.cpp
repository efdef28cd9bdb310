#include "ErrorLabel.h"

namespace pathway {

ErrorLabel::ErrorLabel(const QString &objectName, QWidget *parent) : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setStyleSheet(QStringLiteral("color: #b00020;"));
    hide();
}

void ErrorLabel::showMessage(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
}

QString ErrorLabel::message() const
{
    return isHidden() ? QString() : text();
}

} // namespace pathway
