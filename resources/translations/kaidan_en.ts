<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ApprovalsView</name>
    <message numerus="yes">
        <source>Tell the clerk what to change on the %n order(s) (Ctrl+Enter sends):</source>
        <translation>
            <numerusform>Tell the clerk what to change on the order (Ctrl+Enter sends):</numerusform>
            <numerusform>Tell the clerk what to change on the %n orders (Ctrl+Enter sends):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) approved.</source>
        <translation>
            <numerusform>%n order approved.</numerusform>
            <numerusform>%n orders approved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) sent back to the clerk.</source>
        <translation>
            <numerusform>%n order sent back to the clerk.</numerusform>
            <numerusform>%n orders sent back to the clerk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) wait for sync.</source>
        <translation>
            <numerusform>%n decision waits for sync.</numerusform>
            <numerusform>%n decisions wait for sync.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliMessages</name>
    <message numerus="yes">
        <source>pushing %n command(s)</source>
        <translation>
            <numerusform>pushing %n command</numerusform>
            <numerusform>pushing %n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server was restored from a backup; this replica was downloaded again and %n acknowledged change(s) were sent again</source>
        <translation>
            <numerusform>the server was restored from a backup; this replica was downloaded again and %n acknowledged change was sent again</numerusform>
            <numerusform>the server was restored from a backup; this replica was downloaded again and %n acknowledged changes were sent again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s), all accepted</source>
        <translation>
            <numerusform>pushed %n command, accepted</numerusform>
            <numerusform>pushed %n commands, all accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s): {accepted} accepted, {rejected} rejected, {held} held</source>
        <translation>
            <numerusform>pushed %n command: {accepted} accepted, {rejected} rejected, {held} held</numerusform>
            <numerusform>pushed %n commands: {accepted} accepted, {rejected} rejected, {held} held</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pulled %Ln row(s)</source>
        <translation>
            <numerusform>pulled %Ln row</numerusform>
            <numerusform>pulled %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln page</numerusform>
            <numerusform>%Ln pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server rejected %n command(s)</source>
        <translation>
            <numerusform>the server rejected %n command</numerusform>
            <numerusform>the server rejected %n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more are held back because they depend on a rejected one</source>
        <translation>
            <numerusform>%n more is held back because it depends on a rejected one</numerusform>
            <numerusform>%n more are held back because they depend on a rejected one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>search index built: %Ln record(s) in {seconds} s</source>
        <translation>
            <numerusform>search index built: %Ln record in {seconds} s</numerusform>
            <numerusform>search index built: %Ln records in {seconds} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verify passed: %n table(s) equal the server&apos;s</source>
        <translation>
            <numerusform>verify passed: %n table equals the server&apos;s</numerusform>
            <numerusform>verify passed: %n tables equal the server&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>differences in {table}: %Ln row(s) here, {server} on the server</source>
        <translation>
            <numerusform>differences in {table}: %Ln row here, {server} on the server</numerusform>
            <numerusform>differences in {table}: %Ln rows here, {server} on the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{counts}. None of them was applied. Open Sync problems (同步问题) in the desktop app to correct and resend or discard them.</source>
        <translation>
            <numerusform>{counts}. It was not applied. Open Sync problems (同步问题) in the desktop app to correct and resend or discard it.</numerusform>
            <numerusform>{counts}. None of them was applied. Open Sync problems (同步问题) in the desktop app to correct and resend or discard them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>other records: {rows} in %n table(s)</source>
        <translation>
            <numerusform>other records: {rows} in %n table</numerusform>
            <numerusform>other records: {rows} in %n tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentPrinting</name>
    <message numerus="yes">
        <source>Print %n document(s)</source>
        <translation>
            <numerusform>Print %n document</numerusform>
            <numerusform>Print %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printed %n document(s).</source>
        <translation>
            <numerusform>Printed %n document.</numerusform>
            <numerusform>Printed %n documents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentTexts</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server rejected or held %n change(s); click to see them</source>
        <translation>
            <numerusform>The server rejected or held %n change; click to see it</numerusform>
            <numerusform>The server rejected or held %n changes; click to see them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderCopyTexts</name>
    <message numerus="yes">
        <source>Copied from order {number} at today&apos;s prices; %n line(s) left out because the product is no longer sold. Ctrl+S saves the new draft.</source>
        <translation>
            <numerusform>Copied from order {number} at today&apos;s prices; %n line left out because the product is no longer sold. Ctrl+S saves the new draft.</numerusform>
            <numerusform>Copied from order {number} at today&apos;s prices; %n lines left out because the product is no longer sold. Ctrl+S saves the new draft.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message numerus="yes">
        <source>%n product(s) shown of more than 1000 matches; type more to narrow them</source>
        <translation>
            <numerusform>%n product shown of more than 1000 matches; type more to narrow them</numerusform>
            <numerusform>%n products shown of more than 1000 matches; type more to narrow them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n product shown; scroll for more</numerusform>
            <numerusform>%n products shown; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitTexts</name>
    <message numerus="yes">
        <source>%n change(s) were rejected by the server and wait for you under Sync problems.</source>
        <translation>
            <numerusform>%n change was rejected by the server and waits for you under Sync problems.</numerusform>
            <numerusform>%n changes were rejected by the server and wait for you under Sync problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved on this computer have not reached the server yet. They stay saved and are sent at the next sync, but colleagues do not see them until then.</source>
        <translation>
            <numerusform>%n change saved on this computer has not reached the server yet. It stays saved and is sent at the next sync, but colleagues do not see it until then.</numerusform>
            <numerusform>%n changes saved on this computer have not reached the server yet. They stay saved and are sent at the next sync, but colleagues do not see them until then.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepeatLastOrder</name>
    <message numerus="yes">
        <source>Added the lines of order {number}; %n line(s) left out because the product is no longer sold.</source>
        <translation>
            <numerusform>Added the lines of order {number}; %n line left out because its product is no longer sold.</numerusform>
            <numerusform>Added the lines of order {number}; %n lines left out because their products are no longer sold.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message numerus="yes">
        <source>{number} was printed %n time(s) before. This print will be marked {mark}.</source>
        <translation>
            <numerusform>{number} was printed once before. This print will be marked {mark}.</numerusform>
            <numerusform>{number} was printed %n times before. This print will be marked {mark}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the selected documents were printed before. Each reprint is marked with its number:</source>
        <translation>
            <numerusform>%n of the selected documents was printed before. Its reprint is marked with its number:</numerusform>
            <numerusform>%n of the selected documents were printed before. Each reprint is marked with its number:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuppliersView</name>
    <message numerus="yes">
        <source>%n supplier(s)</source>
        <translation>
            <numerusform>%n supplier</numerusform>
            <numerusform>%n suppliers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncProblemsView</name>
    <message numerus="yes">
        <source>%n change(s) wait for this one.</source>
        <translation>
            <numerusform>%n change waits for this one.</numerusform>
            <numerusform>%n changes wait for this one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard %n change(s)? They will never reach the server, and their effects on this computer are undone:</source>
        <translation>
            <numerusform>Discard %n change? It will never reach the server, and its effects on this computer are undone:</numerusform>
            <numerusform>Discard %n changes? They will never reach the server, and their effects on this computer are undone:</numerusform>
        </translation>
    </message>
</context>
</TS>
