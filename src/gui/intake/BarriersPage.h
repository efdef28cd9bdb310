#pragma once

#include "intake/ProfilePage.h"

#include <QMap>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace pathway {

// What stands in the client's way: a checklist, each with a severity and a note.
class BarriersPage : public ProfilePage
{
    Q_OBJECT
public:
    explicit BarriersPage(QWidget *parent = nullptr);
    void store(Client &client) const override;
    void showErrors(const QVector<FieldError> &errors) override;
    QString describe(const FieldError &error) const override;

    // "socialSupport" for BarrierCode::SocialSupport: the start of its widgets' names.
    static QString objectPrefix(BarrierCode code);

protected:
    void loadFields(const Client &client) override;

private:
    struct Row
    {
        QCheckBox *check = nullptr;
        QComboBox *severity = nullptr;
        QLineEdit *note = nullptr;
        QLabel *error = nullptr;
    };
    void updateRow(const Row &row);
    // The code of barriers[i] in the profile this page stores, if any.
    std::optional<BarrierCode> codeAt(const QString &field) const;

    QMap<BarrierCode, Row> m_rows;
    QVector<BarrierCode> m_order; // checked barriers in the order they were added
};

} // namespace pathway
