#include "intake/BarriersPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace pathway {

QString BarriersPage::objectPrefix(BarrierCode code)
{
    const QStringList words = toCode(code).split(QLatin1Char('_'));
    QString name = words.first();
    for (int i = 1; i < words.size(); ++i)
        name += words[i].left(1).toUpper() + words[i].mid(1);
    return name;
}

BarriersPage::BarriersPage(QWidget *parent) : ProfilePage(parent)
{
    setTitle(tr("Barriers"));
    setSubTitle(tr("Tick what stands in the client's way, how hard it weighs (mild, moderate, "
                   "severe) and a word on it in the client's terms."));
    auto *grid = new QGridLayout(this);
    grid->setVerticalSpacing(4);
    auto *h1 = new QLabel(tr("<b>Barrier</b>"), this);
    auto *h2 = new QLabel(tr("<b>Severity</b>"), this);
    auto *h3 = new QLabel(tr("<b>Note</b>"), this);
    grid->addWidget(h1, 0, 0);
    grid->addWidget(h2, 0, 1);
    grid->addWidget(h3, 0, 2);
    int line = 1;
    for (auto *e = CodeTable<BarrierCode>::begin(); e != CodeTable<BarrierCode>::end(); ++e) {
        const QString prefix = objectPrefix(e->value);
        const QString label = QString::fromUtf8(e->label);
        Row row;
        row.check = new QCheckBox(label, this);
        row.check->setObjectName(prefix + QStringLiteral("CheckBox"));
        row.severity = new QComboBox(this);
        row.severity->setObjectName(prefix + QStringLiteral("SeverityComboBox"));
        row.severity->setAccessibleName(tr("Severity of %1").arg(label));
        row.severity->addItem(tr("Mild"), 1);
        row.severity->addItem(tr("Moderate"), 2);
        row.severity->addItem(tr("Severe"), 3);
        row.severity->setCurrentIndex(1);
        row.note = new QLineEdit(this);
        row.note->setObjectName(prefix + QStringLiteral("NoteLineEdit"));
        row.note->setAccessibleName(tr("Note on %1").arg(label));
        row.error = new QLabel(this);
        row.error->setObjectName(prefix + QStringLiteral("ErrorLabel"));
        row.error->setStyleSheet(QStringLiteral("color: #b00020;"));
        row.error->setVisible(false);
        grid->addWidget(row.check, line, 0);
        grid->addWidget(row.severity, line, 1);
        grid->addWidget(row.note, line, 2);
        grid->addWidget(row.error, line + 1, 2);
        line += 2;
        const BarrierCode code = e->value;
        connect(row.check, &QCheckBox::toggled, this, [this, code](bool on) {
            if (on && !m_order.contains(code))
                m_order.append(code);
            if (!on)
                m_order.removeAll(code);
            updateRow(m_rows[code]);
            markEdited();
        });
        connect(row.severity, &QComboBox::currentIndexChanged, this, &BarriersPage::markEdited);
        connect(row.note, &QLineEdit::textEdited, this, &BarriersPage::markEdited);
        m_rows.insert(code, row);
        updateRow(row);
    }
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(line, 1);
}

void BarriersPage::updateRow(const Row &row)
{
    row.severity->setEnabled(row.check->isChecked());
    row.note->setEnabled(row.check->isChecked());
}

void BarriersPage::loadFields(const Client &c)
{
    m_order.clear();
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const Barrier *b = c.barrier(it.key());
        it->check->setChecked(b != nullptr);
        it->severity->setCurrentIndex(b ? qBound(0, b->severity - 1, 2) : 1);
        it->note->setText(b ? b->note : QString());
        updateRow(*it);
    }
    m_order.clear();
    for (const Barrier &b : c.barriers)
        m_order.append(b.code);
}

void BarriersPage::store(Client &c) const
{
    c.barriers.clear();
    for (BarrierCode code : m_order) {
        const Row &row = m_rows[code];
        c.barriers.append({code, row.severity->currentData().toInt(), row.note->text().trimmed()});
    }
}

std::optional<BarrierCode> BarriersPage::codeAt(const QString &field) const
{
    static const QRegularExpression pattern(QStringLiteral(R"(^barriers\[(\d+)\])"));
    const auto match = pattern.match(field);
    if (!match.hasMatch())
        return std::nullopt;
    const int index = match.captured(1).toInt();
    if (index < 0 || index >= m_order.size())
        return std::nullopt;
    return m_order[index];
}

QString BarriersPage::describe(const FieldError &error) const
{
    const auto code = codeAt(error.field);
    if (!code)
        return {};
    const QString part = error.field.endsWith(QStringLiteral(".note"))       ? tr("note")
                         : error.field.endsWith(QStringLiteral(".severity")) ? tr("severity")
                                                                             : QString();
    return part.isEmpty()
               ? tr("Barrier \"%1\" %2").arg(toLabel(*code), error.message)
               : tr("Barrier \"%1\": the %2 %3").arg(toLabel(*code), part, error.message);
}

void BarriersPage::showErrors(const QVector<FieldError> &errors)
{
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        QStringList messages;
        if (showsErrors()) {
            for (const FieldError &e : errors) {
                if (codeAt(e.field) == it.key())
                    messages << describe(e);
            }
        }
        it->error->setText(messages.join(QLatin1Char('\n')));
        it->error->setVisible(!messages.isEmpty());
    }
}

} // namespace pathway
