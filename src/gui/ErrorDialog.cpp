#include "ErrorDialog.h"

#include <QMessageBox>
#include <QObject>

namespace pathway {

void ErrorDialog::show(QWidget *parent, const QString &what, const Error &error)
{
    QMessageBox box(
        error.code == Error::Code::Invalid ? QMessageBox::Warning : QMessageBox::Critical,
        QObject::tr("Pathway"), QObject::tr("Could not %1.").arg(what), QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("errorMessageBox"));
    box.setInformativeText(error.message);
    box.exec();
}

} // namespace pathway
