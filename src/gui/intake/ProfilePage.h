#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Validation.h"

#include <QHash>
#include <QWizardPage>

class QLabel;

namespace pathway {

// One part of the profile form: a page of the intake interview, and a
// section of the client workspace's Profile tab. It reads and writes its
// fields of a Client and shows the validation messages for them beside the
// fields.
class ProfilePage : public QWizardPage
{
    Q_OBJECT
public:
    using QWizardPage::QWizardPage;

    // Shows `client`'s values without emitting edited().
    void load(const Client &client);
    // Copies this page's fields into `client`.
    virtual void store(Client &client) const = 0;

    // Shows the messages of `errors` that concern this page's fields, if the
    // page has been edited or `showAll` was set.
    virtual void showErrors(const QVector<FieldError> &errors);
    void setShowAll(bool showAll) { m_showAll = showAll; }
    bool isEdited() const { return m_edited; }
    // Messages show once the page was edited or left with Next.
    bool showsErrors() const { return m_edited || m_showAll; }
    // The profile fields (JSON keys) this page edits.
    QStringList fields() const { return m_errorLabels.keys(); }
    // "First name is required" when `error` concerns this page, else empty.
    virtual QString describe(const FieldError &error) const;

Q_SIGNALS:
    void edited();

protected:
    virtual void loadFields(const Client &client) = 0;
    // An error label placed beside a field, for the JSON key `field`, whose
    // messages start with `name` ("First name").
    QLabel *errorLabel(const QString &field, const QString &objectPrefix, const QString &name);
    // `field` above its error label, for a form row.
    static QWidget *withError(QWidget *field, QLabel *error);
    // Emits edited() unless the page is loading.
    void markEdited();
    static bool concerns(const FieldError &error, const QString &field);

public:
    // Every error in a person's words, worded by the page that owns its field.
    static QStringList describeAll(const QVector<ProfilePage *> &pages,
                                   const QVector<FieldError> &errors);

protected:
    bool m_loading = false;

private:
    QHash<QString, QLabel *> m_errorLabels;
    QHash<QString, QString> m_names;
    bool m_edited = false;
    bool m_showAll = false;
};

} // namespace pathway
