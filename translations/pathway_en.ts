<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>pathway::DuplicateDialog</name>
    <message numerus="yes">
        <source>%n clients already in Pathway may be the same person. Check with the client before you go on.</source>
        <translation>
            <numerusform>A client already in Pathway may be the same person. Check with the client before you go on.</numerusform>
            <numerusform>%n clients already in Pathway may be the same person. Check with the client before you go on.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathway::EmploymentPage</name>
    <message numerus="yes">
        <source>%n weeks</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathway::HouseholdPage</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathway::IntakeWizard</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n weeks</source>
        <translation>
            <numerusform>%1, %n week</numerusform>
            <numerusform>%1, %n weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathway::PlanTab</name>
    <message numerus="yes">
        <source>&lt;b&gt;Plan version %1&lt;/b&gt;, from %2 · %3 of %n steps done · %4</source>
        <translation>
            <numerusform>&lt;b&gt;Plan version %1&lt;/b&gt;, from %2 · %3 of %n step done · %4</numerusform>
            <numerusform>&lt;b&gt;Plan version %1&lt;/b&gt;, from %2 · %3 of %n steps done · %4</numerusform>
        </translation>
    </message>
</context>
</TS>
