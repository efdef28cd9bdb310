#include "workspace/RegenerateDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pathway {

RegenerateDialog::RegenerateDialog(const planning::Regeneration &changes, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("regenerateDialog"));
    setWindowTitle(tr("Regenerate the plan"));
    auto list = [](const QString &heading, const QString &color, const QVector<PlanStep> &steps) {
        QString html = QStringLiteral("<h3 style='color:%1'>%2</h3>").arg(color, heading);
        if (steps.isEmpty())
            return html + tr("<p><i>none</i></p>");
        html += QStringLiteral("<ul>");
        for (const PlanStep &s : steps)
            html += QStringLiteral("<li>%1</li>").arg(s.title.toHtmlEscaped());
        return html + QStringLiteral("</ul>");
    };
    auto *intro = new QLabel(tr("The profile changed. Pathway proposes this new version of the "
                                "plan; progress on the steps that stay is kept, and the current "
                                "version stays readable."),
                             this);
    intro->setWordWrap(true);
    auto *text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("changesTextBrowser"));
    text->setHtml(
        list(tr("Added (%1)").arg(changes.added.size()), QStringLiteral("#1b5e20"), changes.added) +
        list(tr("Removed (%1)").arg(changes.removed.size()), QStringLiteral("#b00020"),
             changes.removed) +
        list(tr("Kept (%1)").arg(changes.kept.size()), QStringLiteral("#37474f"), changes.kept));
    auto *buttons = new QDialogButtonBox(this);
    auto *accept = buttons->addButton(tr("&Use the new plan"), QDialogButtonBox::AcceptRole);
    accept->setObjectName(QStringLiteral("useNewPlanPushButton"));
    auto *keep = buttons->addButton(tr("&Keep the current plan"), QDialogButtonBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepPlanPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(640, 520);
}

} // namespace pathway
