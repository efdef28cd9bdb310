#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Validation.h"

#include <QHash>
#include <QSet>
#include <QWizardPage>

#include <functional>
#include <initializer_list>

class QLabel;
class QSpinBox;

namespace pathway {

// One part of the profile form: a page of the intake interview, and a
// section of the client workspace's Profile tab. It reads and writes its
// fields of a Client and shows the validation messages for them beside the
// fields.
//
// A field's messages show once the counselor has visited it (typed in it,
// or moved on from it) or the whole page is shown (Next, Finish, a resumed
// draft, the Profile tab): untouched fields are not called "required" while
// the counselor is still on the first one.
class ProfilePage : public QWizardPage
{
    Q_OBJECT
public:
    using QWizardPage::QWizardPage;

    // Shows `client`'s values without emitting edited().
    void load(const Client &client);
    // Copies this page's fields into `client`.
    virtual void store(Client &client) const = 0;

    // Shows the messages of `errors` that concern this page's fields, for
    // the fields visited (every field once setShowAll).
    virtual void showErrors(const QVector<FieldError> &errors);
    void setShowAll(bool showAll);
    bool isEdited() const { return m_edited; }
    // Messages show for every field once the page was edited or left with Next.
    bool showsErrors() const { return m_edited || m_showAll; }
    // Whether the messages for `field` (a JSON key) show now.
    bool showsErrorsFor(const QString &field) const;
    // The profile fields (JSON keys) this page edits.
    QStringList fields() const { return m_errorLabels.keys(); }
    // "First name is required" when `error` concerns this page, else empty.
    virtual QString describe(const FieldError &error) const;
    // Problems with what is typed that a Client cannot hold (a badly written
    // date); they stand in for validation's message on the same field.
    virtual QVector<FieldError> inputErrors() const { return {}; }
    // The widget where `error` is mended on this page; nullptr when the
    // error is not this page's.
    virtual QWidget *fieldWidget(const FieldError &error) const;

    // Validation's `errors` with the pages' input errors in place of the
    // messages for the same fields.
    static QVector<FieldError> withInputErrors(const QVector<ProfilePage *> &pages,
                                               QVector<FieldError> errors);
    // Every error in a person's words, worded by the page that owns its field.
    static QStringList describeAll(const QVector<ProfilePage *> &pages,
                                   const QVector<FieldError> &errors);

Q_SIGNALS:
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    virtual void loadFields(const Client &client) = 0;
    // An error label placed beside a field, for the JSON key `field`, whose
    // messages start with `name` ("First name").
    QLabel *errorLabel(const QString &field, const QString &objectPrefix, const QString &name);
    // `row` above its error label, for a form row; `editor` (default: `row`)
    // is the widget the counselor edits, watched for visits and focused to
    // mend the field.
    QWidget *withError(QWidget *row, QLabel *error, QWidget *editor = nullptr);
    // Emits edited() unless the page is loading.
    void markEdited();
    static bool concerns(const FieldError &error, const QString &field);
    // Tab moves through `widgets` in this order: the order they are seen in.
    static void setTabOrder(std::initializer_list<QWidget *> widgets);
    // Shows a count in `box` with the words `text` puts around the number
    // ("1 person", "3 people": `text` is a tr() with %n), following the value.
    static void showCount(QSpinBox *box, const std::function<QString(int)> &text);

    bool m_loading = false;

    // Shows `field`'s messages from now on, as if the counselor had visited it.
    void visit(const QString &field);

private:
    QHash<QString, QLabel *> m_errorLabels;
    QHash<QString, QString> m_names;
    QHash<QString, QWidget *> m_editors; // field -> the widget that edits it
    QHash<QObject *, QString> m_watched; // editor -> field
    QSet<QString> m_visited;
    QVector<FieldError> m_lastErrors;
    bool m_edited = false;
    bool m_showAll = false;
};

} // namespace pathway
