<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/dialogs/info.py" line="+53"/>
        <source>No models installed.</source>
        <translation>Aucun modèle installé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;p&gt;A local, offline computer-vision workbench. Nothing leaves this computer; results are kept in an encrypted database.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un atelier de vision par ordinateur local et hors ligne. Rien ne quitte cet ordinateur ; les résultats sont conservés dans une base de données chiffrée.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;Models and their data licences&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Modèles et licences de leurs données&lt;/h3&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Versions&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Versions&lt;/h3&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About AlyesDesk</source>
        <translation>À propos d&apos;AlyesDesk</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../ui/actions.py" line="+83"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open files in the tab shown</source>
        <translation>Ouvrir des fichiers dans l&apos;onglet affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the list of the tab shown</source>
        <translation>Filtrer la liste de l&apos;onglet affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the results of the tab shown</source>
        <translation>Exporter les résultats de l&apos;onglet affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import model…</source>
        <translation>&amp;Importer un modèle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check and install an ONNX model</source>
        <translation>Vérifier et installer un modèle ONNX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;data folder</source>
        <translation>Ouvrir le &amp;dossier des données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder with the database, models and logs</source>
        <translation>Ouvrir le dossier de la base de données, des modèles et des journaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App &amp;lock…</source>
        <translation>&amp;Verrouillage de l&apos;application…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Require a passphrase at every start (or remove it)</source>
        <translation>Demander une phrase secrète à chaque démarrage (ou la retirer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loc&amp;k now</source>
        <translation>Verr&amp;ouiller maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide results and images until the passphrase is typed</source>
        <translation>Masquer résultats et images jusqu&apos;à la saisie de la phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up the database now</source>
        <translation>&amp;Sauvegarder la base de données maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write an encrypted backup of the database</source>
        <translation>Écrire une sauvegarde chiffrée de la base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the database with a backup</source>
        <translation>Remplacer la base de données par une sauvegarde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the interface and the idle lock</source>
        <translation>Langue de l&apos;interface et verrouillage en cas d&apos;inactivité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close AlyesDesk</source>
        <translation>Fermer AlyesDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Messages</source>
        <translation>&amp;Messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every notice and error of this session</source>
        <translation>Tous les avis et erreurs de cette session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User guide</source>
        <translation>&amp;Guide d&apos;utilisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How each tab works, on this computer (no internet needed)</source>
        <translation>Comment marche chaque onglet, sur cet ordinateur (sans internet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Raccourcis clavier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This list</source>
        <translation>Cette liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Diagnostics…</source>
        <translation>&amp;Diagnostic…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions, providers and cameras, to paste into bug reports</source>
        <translation>Versions, moteurs d&apos;exécution et caméras, à coller dans les rapports de bogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About AlyesDesk…</source>
        <translation>À &amp;propos d&apos;AlyesDesk…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Versions and licences</source>
        <translation>Versions et licences</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide the on-screen gaze cursor (works from any AlyesDesk window)</source>
        <translation>Afficher ou masquer le curseur du regard à l&apos;écran (depuis n&apos;importe quelle fenêtre d&apos;AlyesDesk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste a photo to classify</source>
        <translation>Coller une photo à classer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause or resume gaze as a pointer</source>
        <translation>Mettre en pause ou reprendre le pointeur du regard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next document needing review</source>
        <translation>Document suivant à vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept the selected box (it is a signature)</source>
        <translation>Accepter le cadre sélectionné (c&apos;est une signature)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the selected box (not a signature)</source>
        <translation>Rejeter le cadre sélectionné (ce n&apos;est pas une signature)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a box around a signature the model missed</source>
        <translation>Dessiner un cadre autour d&apos;une signature manquée par le modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: the model&apos;s answer</source>
        <translation>Verdict : réponse du modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: signed</source>
        <translation>Verdict : signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: unsigned</source>
        <translation>Verdict : non signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: to check</source>
        <translation>Verdict : à vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected photo from the list</source>
        <translation>Retirer la photo sélectionnée de la liste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the last removal or correction (in History: the last delete)</source>
        <translation>Annuler le dernier retrait ou la dernière correction (dans l&apos;Historique : la dernière suppression)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo what was undone</source>
        <translation>Rétablir ce qui a été annulé</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>everywhere</source>
        <translation>partout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{tab} tab</source>
        <translation>onglet {tab}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../ui/app.py" line="+145"/>
        <source>{reason}

AlyesDesk will run without storing results.</source>
        <translation>{reason}

AlyesDesk fonctionnera sans enregistrer les résultats.</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../ui/context.py" line="+103"/>
        <source>Settings could not be saved: {reason}</source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés : {reason}</translation>
    </message>
</context>
<context>
    <name>AppLockDialog</name>
    <message>
        <location filename="../ui/dialogs/app_lock.py" line="+29"/>
        <source>AlyesDesk asks for a passphrase at every start. Remove it to keep the key in the system&apos;s password store instead (anyone using your account can then open AlyesDesk).</source>
        <translation>AlyesDesk demande une phrase secrète à chaque démarrage. Retirez-la pour garder plutôt la clé dans le trousseau de mots de passe du système (toute personne utilisant votre compte pourra alors ouvrir AlyesDesk).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AlyesDesk asks for a passphrase at every start. This computer has no system password store to keep the key in instead, so the passphrase stays: it is what protects your data here.</source>
        <translation>AlyesDesk demande une phrase de passe à chaque démarrage. Cet ordinateur n&apos;a pas de trousseau de mots de passe système où garder la clé à la place : la phrase de passe reste, c&apos;est elle qui protège vos données ici.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Require a passphrase at every start, for shared computers. The database is re-encrypted with it and the key in the system&apos;s password store is removed. Forgetting it makes the data unreadable.</source>
        <translation>Demander une phrase secrète à chaque démarrage, pour les ordinateurs partagés. La base de données est rechiffrée avec elle et la clé du trousseau de mots de passe du système est supprimée. L&apos;oublier rend les données illisibles.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>App lock</source>
        <translation>Verrouillage de l&apos;application</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove lock</source>
        <translation>Retirer le verrou</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Use at least {count} characters.</source>
        <translation>Utilisez au moins {count} caractères.</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../ui/dialogs/backups.py" line="+37"/>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a backup to restore. The current database is kept beside it (renamed), never deleted.</source>
        <translation>Choisissez la sauvegarde à restaurer. La base de données actuelle est conservée à côté (renommée), jamais supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are no backups yet in {folder}.</source>
        <translation>Il n&apos;y a encore aucune sauvegarde dans {folder}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  (its key is not on this computer)</source>
        <translation>  (sa clé n&apos;est pas sur cet ordinateur)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manual</source>
        <translation>manuelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>daily</source>
        <translation>quotidienne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>before a restore</source>
        <translation>avant une restauration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an upgrade</source>
        <translation>avant une mise à jour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>before a key change</source>
        <translation>avant un changement de clé</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This backup is protected by a passphrase:</source>
        <translation>Cette sauvegarde est protégée par une phrase secrète :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was restored: {reason}</source>
        <translation>Rien n&apos;a été restauré : {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your database is missing</source>
        <translation>Votre base de données est introuvable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from backup…</source>
        <translation>Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new, empty database</source>
        <translation>Créer une nouvelle base de données vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue without storing</source>
        <translation>Continuer sans enregistrer</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../ui/gaze/controls.py" line="+57"/>
        <source>Do what the message beside it suggests</source>
        <translation>Faire ce que propose le message à côté</translation>
    </message>
</context>
<context>
    <name>BatchQueue</name>
    <message>
        <location filename="../ui/waste/batches.py" line="+60"/>
        <source>classifying photos</source>
        <translation>classement des photos</translation>
    </message>
</context>
<context>
    <name>Batches</name>
    <message>
        <location line="-41"/>
        <source>{value} classified, {failed} could not be read</source>
        <translation>{value} classé(s), {failed} illisible(s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled: </source>
        <translation>Annulé : </translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · not stored (database locked)</source>
        <translation> · non enregistré (base de données verrouillée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · {stored} new result(s) stored</source>
        <translation> · {stored} nouveau(x) résultat(s) enregistré(s)</translation>
    </message>
</context>
<context>
    <name>BinsDialog</name>
    <message>
        <location filename="../ui/waste/bins_dialog.py" line="+25"/>
        <source>Material</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Container</source>
        <translation>Contenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Advice</source>
        <translation>Consigne</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bins: {name}</source>
        <translation>Poubelles : {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(anything else)</source>
        <translation>(tout le reste)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region id</source>
        <translation>Identifiant de la région</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave a container empty to drop that material. Colours are #rrggbb.</source>
        <translation>Laissez un contenant vide pour retirer cette matière. Les couleurs s&apos;écrivent #rrggbb.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>this nomenclature</source>
        <translation>cette nomenclature</translation>
    </message>
</context>
<context>
    <name>CalibrationFlow</name>
    <message>
        <location filename="../ui/gaze/calibration.py" line="+127"/>
        <source>Calibration cancelled: nothing was saved.</source>
        <translation>Calibrage annulé : rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Re-centre failed: {message}</source>
        <translation>Le recentrage a échoué : {message}</translation>
    </message>
</context>
<context>
    <name>CalibrationSummary</name>
    <message>
        <location line="-100"/>
        <source>Calibrated</source>
        <translation>Calibré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>: {degrees}° mean error ({pixels:.0f} px)</source>
        <translation> : erreur moyenne de {degrees}° ({pixels:.0f} px)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, re-centred by {pixels:.0f} px</source>
        <translation>, recentré de {pixels:.0f} px</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>. It was made with the {frontend} front end: switch back or recalibrate.</source>
        <translation>. Il a été fait avec le détecteur {frontend} : revenez-y ou recalibrez.</translation>
    </message>
</context>
<context>
    <name>CalibrationWizard</name>
    <message>
        <location filename="../ui/gaze/wizard.py" line="+62"/>
        <source>Sit about {distance:.0f} cm from the screen, face the camera, and keep your head still.
Waiting for your face…   (Esc cancels)</source>
        <translation>Asseyez-vous à environ {distance:.0f} cm de l&apos;écran, face à la caméra, et gardez la tête immobile.
En attente de votre visage…   (Échap pour annuler)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look at the centre of each dot until it moves on.</source>
        <translation>Regardez le centre de chaque point jusqu&apos;à ce qu&apos;il se déplace.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking accuracy: keep looking at the dots.</source>
        <translation>Vérification de la précision : continuez à regarder les points.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redoing the weakest points: look at each dot.</source>
        <translation>Reprise des points les plus faibles : regardez chaque point.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>AlyesDesk calibration</source>
        <translation>Calibrage AlyesDesk</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Calibration failed: {message}</source>
        <translation>Le calibrage a échoué : {message}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Calibrated, but no validation point had usable samples: accuracy unknown. Redo is advised.</source>
        <translation>Calibré, mais aucun point de validation n&apos;a d&apos;échantillons utilisables : précision inconnue. Mieux vaut recommencer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mean error {mean_deg:.2f}° ({mean_px:.0f} px), median {median_deg:.2f}° ({median_px:.0f} px) on {value} of {value2} validation points over the whole screen.</source>
        <translation>Erreur moyenne {mean_deg:.2f}° ({mean_px:.0f} px), médiane {median_deg:.2f}° ({median_px:.0f} px) sur {value} des {value2} points de validation répartis sur tout l&apos;écran.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
{value} point(s) skipped (no usable samples).</source>
        <translation>
{value} point(s) ignoré(s) (aucun échantillon utilisable).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict: {value}</source>
        <translation>Verdict : {value}</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+43"/>
        <source>Calibration result</source>
        <translation>Résultat du calibrage</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>○ target   ● estimate (median of the fixation)   line: error</source>
        <translation>○ cible   ● estimation (médiane de la fixation)   trait : erreur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo worst points</source>
        <translation>Refaire les pires points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel (Esc)</source>
        <translation>Annuler (Échap)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Calibration failed</source>
        <translation>Échec du calibrage</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Follow the moving dot with your eyes (keep your head still).</source>
        <translation>Suivez le point mobile des yeux (gardez la tête immobile).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep your eyes on each dot and move your head slowly: turn it, tilt it, lean in and back.</source>
        <translation>Gardez les yeux sur chaque point et bougez lentement la tête : tournez-la, inclinez-la, approchez-vous puis reculez.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Esc cancels without saving</source>
        <translation>Échap annule sans enregistrer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value:.0f} s left   ·   {footer}</source>
        <translation>{value:.0f} s restantes   ·   {footer}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point {value} of {total}   ·   {footer}</source>
        <translation>Point {value} sur {total}   ·   {footer}</translation>
    </message>
</context>
<context>
    <name>CallRunner</name>
    <message>
        <location filename="../ui/gaze/calls.py" line="+41"/>
        <source>Gaze: {message}</source>
        <translation>Regard : {message}</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../ui/waste/camera.py" line="+158"/>
        <location line="+97"/>
        <source>Start camera</source>
        <translation>Démarrer la caméra</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Start or stop the webcam</source>
        <translation>Démarrer ou arrêter la webcam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take photo</source>
        <translation>Prendre une photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify the picture the camera shows now</source>
        <translation>Classer l&apos;image que montre la caméra maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continuous (classify when the picture is steady)</source>
        <translation>En continu (classer quand l&apos;image est stable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify by itself each time the picture stops moving</source>
        <translation>Classer tout seul chaque fois que l&apos;image ne bouge plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep photos of confirmed answers (to teach later)</source>
        <translation>Garder les photos des réponses confirmées (pour l&apos;apprentissage)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the photos you confirm, to teach the model later</source>
        <translation>Garder les photos que vous confirmez, pour enseigner au modèle plus tard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The camera is off.</source>
        <translation>La caméra est éteinte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The right material for the last photo</source>
        <translation>La bonne matière pour la dernière photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store this material as the answer for the last photo</source>
        <translation>Enregistrer cette matière comme réponse pour la dernière photo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>It is:</source>
        <translation>C&apos;est :</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Opening the camera…</source>
        <translation>Ouverture de la caméra…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop camera</source>
        <translation>Arrêter la caméra</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No camera: plug one in (or allow camera access), then press Start camera.</source>
        <translation>Aucune caméra : branchez-en une (ou autorisez l&apos;accès à la caméra), puis appuyez sur Démarrer la caméra.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Looks like {label} ({confidence:.0%})</source>
        <translation>Ressemble à : {label} ({confidence:.0%})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: not sure</source>
        <translation> : incertain</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Answer not stored: the database is locked</source>
        <translation>Réponse non enregistrée : la base de données est verrouillée</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stored (result #{result_id}).</source>
        <translation>Enregistré (résultat n° {result_id}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not store the answer: {message}</source>
        <translation>Impossible d&apos;enregistrer la réponse : {message}</translation>
    </message>
</context>
<context>
    <name>CameraSources</name>
    <message>
        <location filename="../ui/gaze/sources.py" line="+15"/>
        <source>Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All files (*)</source>
        <translation>Vidéos (*.mp4 *.avi *.mov *.mkv *.webm);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{value} webcam(s) found</source>
        <translation>Webcams trouvées : {value}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No webcam found: the simulated webcam and video files still work.</source>
        <translation>Aucune webcam trouvée : la webcam simulée et les fichiers vidéo fonctionnent quand même.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Video of a face</source>
        <translation>Vidéo d&apos;un visage</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../ui/gaze/camera_view.py" line="+40"/>
        <source>Camera off: choose a camera and press Start.</source>
        <translation>Caméra éteinte : choisissez une caméra et appuyez sur Démarrer.</translation>
    </message>
</context>
<context>
    <name>CameraWorker</name>
    <message>
        <location filename="../ui/waste/camera.py" line="-196"/>
        <source>the camera stopped: {exc}</source>
        <translation>la caméra s&apos;est arrêtée : {exc}</translation>
    </message>
</context>
<context>
    <name>Cards</name>
    <message>
        <location filename="../ui/waste/cards.py" line="+148"/>
        <source>same bytes as {value}</source>
        <translation>mêmes octets que {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stored as result #{result_id}</source>
        <translation>enregistré comme résultat n° {result_id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>already stored as result #{previous_result_id}</source>
        <translation>déjà enregistré comme résultat n° {previous_result_id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not stored: database locked</source>
        <translation>non enregistré : base de données verrouillée</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../ui/close_guard.py" line="+46"/>
        <source>Work in progress</source>
        <translation>Travail en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AlyesDesk is still working:</source>
        <translation>AlyesDesk travaille encore :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing now would cancel this work. What should happen?</source>
        <translation>Fermer maintenant annulerait ce travail. Que faire ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait, then close</source>
        <translation>Attendre, puis fermer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep working in the tray</source>
        <translation>Continuer dans la zone de notification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the work and close</source>
        <translation>Annuler le travail et fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Don&apos;t close</source>
        <translation>Ne pas fermer</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>AlyesDesk will close when the work in progress has ended.</source>
        <translation>AlyesDesk se fermera quand le travail en cours sera terminé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>AlyesDesk keeps working</source>
        <translation>AlyesDesk continue de travailler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You will be told here when it is done. Click the icon to open the window.</source>
        <translation>Vous serez prévenu ici quand ce sera fini. Cliquez sur l&apos;icône pour ouvrir la fenêtre.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Finished: {jobs}</source>
        <translation>Terminé : {jobs}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open AlyesDesk</source>
        <translation>Ouvrir AlyesDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>CorrectionStore</name>
    <message>
        <location filename="../ui/waste/corrections.py" line="+76"/>
        <source>Correction shown but not stored: the database is locked</source>
        <translation>Correction affichée mais non enregistrée : la base de données est verrouillée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not store the correction</source>
        <translation>Impossible d&apos;enregistrer la correction</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Corrections live in the database, which is locked: unlock it to export</source>
        <translation>Les corrections sont dans la base de données, qui est verrouillée : déverrouillez-la pour exporter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>Échec de l&apos;exportation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>storing or exporting corrections</source>
        <translation>enregistrement ou exportation des corrections</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <location line="-44"/>
        <source>{value} corrected photo(s): {summary}</source>
        <translation>{value} photo(s) corrigée(s) : {summary}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {count} skipped (e.g. {name}: {reason})</source>
        <translation> ; {count} ignorée(s) (p. ex. {name} : {reason})</translation>
    </message>
</context>
<context>
    <name>CursorSwitch</name>
    <message>
        <location filename="../ui/gaze/cursor.py" line="+59"/>
        <source>Gaze cursor colour</source>
        <translation>Couleur du curseur du regard</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../ui/waste/cards.py" line="+50"/>
        <location line="+47"/>
        <source>Save correction</source>
        <translation>Enregistrer la correction</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>The right label for this photo</source>
        <translation>La bonne étiquette pour cette photo</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+47"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>It is:</source>
        <translation>C&apos;est :</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Keep this answer (and the photo, to teach the model later)</source>
        <translation>Garder cette réponse (et la photo, pour entraîner le modèle plus tard)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the label you chose (and the photo, to teach the model later)</source>
        <translation>Enregistrer l&apos;étiquette choisie (et la photo, pour entraîner le modèle plus tard)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a photo to see the details</source>
        <translation>Sélectionnez une photo pour voir les détails</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not classify</source>
        <translation>Classement impossible</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a waste item</source>
        <translation>Pas un déchet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This does not look like a waste item, so there is no bin advice. If it is one, pick its material below.</source>
        <translation>Cela ne ressemble pas à un déchet : pas de consigne de tri. Si c&apos;en est un, choisissez sa matière ci-dessous.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirmed by you ({confidence:.0%} confident)</source>
        <translation>Confirmé par vous (confiance {confidence:.0%})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corrected by you (the model said {label}, {confidence:.0%})</source>
        <translation>Corrigé par vous (le modèle disait {label}, {confidence:.0%})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{confidence:.0%} confident</source>
        <translation>confiance {confidence:.0%}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not sure ({confidence:.0%}): it may be one of these</source>
        <translation>Incertain ({confidence:.0%}) : c&apos;est peut-être l&apos;un de ceux-ci</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>If it is {label}: </source>
        <translation>Si c&apos;est {label} : </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>if it is {label}: &lt;b&gt;{container}&lt;/b&gt;</source>
        <translation>si c&apos;est {label} : &lt;b&gt;{container}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Otherwise, </source>
        <translation>Sinon, </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>. Correct the label below once you know.</source>
        <translation>. Corrigez l&apos;étiquette ci-dessous quand vous savez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No bin advice for this material in the selected region</source>
        <translation>Pas de consigne de tri pour cette matière dans la région choisie</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../ui/dialogs/info.py" line="-41"/>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy to clipboard</source>
        <translation>Copier dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paste this into bug reports (home paths are not included in error logs).</source>
        <translation>Collez ceci dans vos rapports de bogue (les chemins de votre dossier personnel ne figurent pas dans les journaux d&apos;erreurs).</translation>
    </message>
</context>
<context>
    <name>DocumentQueue</name>
    <message>
        <location filename="../ui/documents/queue.py" line="+34"/>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>Attendues</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>Needs review</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All documents</source>
        <translation>Tous les documents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsigned</source>
        <translation>Non signé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewed by a person</source>
        <translation>Vérifié par une personne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not reviewed</source>
        <translation>Non vérifié</translation>
    </message>
</context>
<context>
    <name>DocumentReview</name>
    <message>
        <location filename="../ui/documents/review_panel.py" line="+35"/>
        <source>Model&apos;s answer</source>
        <translation>Réponse du modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsigned</source>
        <translation>Non signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs review</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>accepté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not decided</source>
        <translation>non décidé</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../ui/documents/tab.py" line="+64"/>
        <source>Drop scans (PNG, JPEG, TIFF) or PDFs here, or whole folders — or click to choose files</source>
        <translation>Déposez ici des scans (PNG, JPEG, TIFF) ou des PDF, ou des dossiers entiers — ou cliquez pour choisir des fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check every scan and PDF of a folder in one batch</source>
        <translation>Vérifier tous les scans et PDF d&apos;un dossier en un lot</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signatures each document must carry to count as signed (applies to the next checks)</source>
        <translation>Signatures que chaque document doit porter pour compter comme signé (pour les prochaines vérifications)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signatures every page must carry as well (any: no per-page rule; next checks)</source>
        <translation>Signatures que chaque page doit aussi porter (aucune : pas de règle par page ; prochaines vérifications)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the batch; the documents already checked stay</source>
        <translation>Arrêter le lot ; les documents déjà vérifiés restent</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Report CSV…</source>
        <translation>Rapport CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report JSON…</source>
        <translation>Rapport JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotated PDF…</source>
        <translation>PDF annoté…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotated PNG…</source>
        <translation>PNG annoté…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole batch</source>
        <translation>tout le lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotated exports: every document, not only the selected ones</source>
        <translation>Exports annotés : tous les documents, pas seulement ceux sélectionnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training data…</source>
        <translation>Données d&apos;entraînement…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the reviewed documents as YOLO training data (images/, labels/)</source>
        <translation>Exporter les documents vérifiés comme données d&apos;entraînement YOLO (images/, labels/)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty this list (stored results stay in History)</source>
        <translation>Vider cette liste (les résultats enregistrés restent dans l&apos;Historique)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Expected signatures:</source>
        <translation>Signatures attendues :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per page:</source>
        <translation>par page :</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Documents: {exc}</source>
        <translation>Documents : {exc}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No signature model: {exc}</source>
        <translation>Aucun modèle de signatures : {exc}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>results are stored</source>
        <translation>les résultats sont enregistrés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>database locked: results are not stored</source>
        <translation>base de données verrouillée : les résultats ne sont pas enregistrés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · second look by {value}</source>
        <translation> · second avis par {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model {name} {version} · signature ≥ {score:.2f}, review ≥ {review:.2f}{second} · {store}</source>
        <translation>Modèle {name} {version} · signature ≥ {score:.2f}, à vérifier ≥ {review:.2f}{second} · {store}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Queued {value} item(s) after the current check</source>
        <translation>{value} élément(s) en attente après la vérification en cours</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>checking documents</source>
        <translation>vérification des documents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{done} / {total} documents</source>
        <translation>{done} / {total} documents</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checked {value} document(s): {missing} unsigned, needing review or unreadable</source>
        <translation>{value} document(s) vérifié(s) : {missing} non signé(s), à vérifier ou illisible(s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No documents found (images, TIFF or PDF files)</source>
        <translation>Aucun document trouvé (images, fichiers TIFF ou PDF)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Document check failed: {message}</source>
        <translation>La vérification du document a échoué : {message}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{name}: review kept for this session only (the check is not stored)</source>
        <translation>{name} : vérification gardée pour cette session seulement (le contrôle n&apos;est pas enregistré)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Review of {name} not stored: {exc}</source>
        <translation>Vérification de {name} non enregistrée : {exc}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Page {page}: {error}</source>
        <translation>Page {page} : {error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot show this page: {exc}</source>
        <translation>Impossible d&apos;afficher cette page : {exc}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose documents</source>
        <translation>Choisir des documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents ({patterns})</source>
        <translation>Documents ({patterns})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a folder of documents</source>
        <translation>Choisir un dossier de documents</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../ui/dialogs/error_dialog.py" line="+12"/>
        <source>AlyesDesk: unexpected error</source>
        <translation>AlyesDesk : erreur inattendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong. Your data is safe; the error was written to the log.</source>
        <translation>Un problème est survenu. Vos données sont intactes ; l&apos;erreur a été inscrite dans le journal.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy for a bug report</source>
        <translation>Copier pour un rapport de bogue</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../inference/documents/check.py" line="+305"/>
        <location filename="../inference/waste/classify.py" line="+159"/>
        <source>model failed: {reason}</source>
        <translation>échec du modèle : {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not enough memory to load this document</source>
        <translation>mémoire insuffisante pour charger ce document</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no page could be read</source>
        <translation>aucune page n&apos;a pu être lue</translation>
    </message>
    <message>
        <location filename="../inference/documents/pages.py" line="+34"/>
        <source>a document</source>
        <translation>un document</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../inference/images.py" line="+60"/>
        <source>{name}: the file is empty (0 bytes)</source>
        <translation>{name} : le fichier est vide (0 octet)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name}: not a readable TIFF (corrupt, truncated or an unsupported compression)</source>
        <translation>{name} : TIFF illisible (corrompu, tronqué ou compressé d&apos;une façon non prise en charge)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>page {page} could not be decoded</source>
        <translation>la page {page} n&apos;a pas pu être décodée</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name}: PDF support is not available in this context</source>
        <translation>{name} : la lecture des PDF n&apos;est pas disponible dans ce contexte</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>page {page} could not be loaded</source>
        <translation>la page {page} n&apos;a pas pu être chargée</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../ui/documents/pdf_render.py" line="+46"/>
        <source>{name}: there is no page {page}</source>
        <translation>{name} : il n&apos;y a pas de page {page}</translation>
    </message>
    <message>
        <location filename="../inference/images.py" line="-25"/>
        <source>{name}: not an image, or the file is corrupt or truncated (supported: {formats})</source>
        <translation>{name} : ce n&apos;est pas une image, ou le fichier est corrompu ou tronqué (formats acceptés : {formats})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: a damaged {kind} file: its header is corrupt or truncated, so its size is unknown and it is not decoded</source>
        <translation>{name} : fichier {kind} endommagé : son en-tête est corrompu ou tronqué, sa taille est donc inconnue et il n&apos;est pas décodé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>image</source>
        <translation>l&apos;image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page {page}</source>
        <translation>la page {page}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: {what} is {width}x{height} pixels, over the {limit} megapixel safety limit; scale it down first</source>
        <translation>{name} : {what} fait {width}x{height} pixels, au-delà de la limite de sécurité de {limit} mégapixels ; réduisez-la d&apos;abord</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name}: not an image, or the file is corrupt or truncated</source>
        <translation>{name} : ce n&apos;est pas une image, ou le fichier est corrompu ou tronqué</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: the image has no pixels</source>
        <translation>{name} : l&apos;image ne contient aucun pixel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: image over the {limit} megapixel safety limit</source>
        <translation>{name} : image au-delà de la limite de sécurité de {limit} mégapixels</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../inference/inputs.py" line="+121"/>
        <source>an image</source>
        <translation>une image</translation>
    </message>
    <message>
        <location filename="../inference/inputs.py" line="-95"/>
        <source>a named pipe (FIFO)</source>
        <translation>un tube nommé (FIFO)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a socket</source>
        <translation>un socket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a character device</source>
        <translation>un périphérique en mode caractère</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a block device</source>
        <translation>un périphérique en mode bloc</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a special file</source>
        <translation>un fichier spécial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is {kind}, not a regular file: skipped (save its contents to a file and use that)</source>
        <translation>est {kind}, pas un fichier ordinaire : ignoré (enregistrez son contenu dans un fichier et utilisez celui-ci)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>is a symbolic link that loops back on itself: skipped</source>
        <translation>est un lien symbolique qui renvoie sur lui-même : ignoré</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>is a broken symbolic link (its target is missing)</source>
        <translation>est un lien symbolique cassé (sa cible est introuvable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such file or folder</source>
        <translation>fichier ou dossier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot access: {reason}</source>
        <translation>accès impossible : {reason}</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>cannot read folder: {reason}</source>
        <translation>impossible de lire le dossier : {reason}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name}: is a folder, not {what}</source>
        <translation>{name} : c&apos;est un dossier, pas {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: {problem}</source>
        <translation>{name} : {problem}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name}: file over {size} MB; use a smaller file</source>
        <translation>{name} : fichier de plus de {size} Mo ; utilisez un fichier plus petit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: cannot read file ({reason})</source>
        <translation>{name} : impossible de lire le fichier ({reason})</translation>
    </message>
    <message>
        <location filename="../inference/streets/video.py" line="+66"/>
        <source>{name}: video file not found</source>
        <translation>{name} : fichier vidéo introuvable</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: not a video this OpenCV can read (unknown format, missing codec or corrupt)</source>
        <translation>{name} : vidéo illisible par cette version d&apos;OpenCV (format inconnu, codec manquant ou fichier corrompu)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}: the video has no readable frames</source>
        <translation>{name} : la vidéo ne contient aucune image lisible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: frames are {width}x{height}, too large to process; scale the video down first</source>
        <translation>{name} : les images font {width}x{height} pixels, trop grandes pour être traitées ; réduisez d&apos;abord la taille de la vidéo</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>{name}: no frame could be decoded (corrupt file or missing codec)</source>
        <translation>{name} : aucune image n&apos;a pu être décodée (fichier corrompu ou codec manquant)</translation>
    </message>
    <message>
        <location filename="../inference/waste/classify.py" line="-30"/>
        <source>{name}: file over {size} MB</source>
        <translation>{name} : fichier de plus de {size} Mo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is a folder, not an image</source>
        <translation>c&apos;est un dossier, pas une image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot read file: {reason}</source>
        <translation>impossible de lire le fichier : {reason}</translation>
    </message>
    <message>
        <location filename="../storage/backup.py" line="+158"/>
        <source>{backup} is not one of the backups in {folder} (&apos;alyesdesk restore --list&apos;)</source>
        <translation>{backup} ne fait pas partie des sauvegardes de {folder} (&apos;alyesdesk restore --list&apos;)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the key of this backup (database {db_id}) is not in this computer&apos;s keyring: it was made before an app-lock change or on another computer, and cannot be opened here</source>
        <translation>la clé de cette sauvegarde (base de données {db_id}) n&apos;est pas dans le trousseau de mots de passe de cet ordinateur : elle a été faite avant un changement du verrouillage de l&apos;application ou sur un autre ordinateur, et ne peut pas être ouverte ici</translation>
    </message>
    <message>
        <location filename="../storage/database.py" line="+139"/>
        <source>no usable system keyring: the passphrase cannot be removed on this computer</source>
        <translation>aucun trousseau de mots de passe système utilisable : la phrase secrète ne peut pas être retirée sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+325"/>
        <source>{path} is a folder, not a database file: move it away and start again</source>
        <translation>{path} est un dossier, pas un fichier de base de données : déplacez-le ailleurs, puis recommencez</translation>
    </message>
    <message>
        <location filename="../storage/engine.py" line="+45"/>
        <source>cannot read {path}: {reason}. Check the file and its folder&apos;s permissions.</source>
        <translation>impossible de lire {path} : {reason}. Vérifiez les droits d&apos;accès du fichier et de son dossier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot read {path}: permission denied. Check the file&apos;s permissions.</source>
        <translation>impossible de lire {path} : accès refusé. Vérifiez les droits d&apos;accès du fichier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot open {path}: {reason}. Check the file and its folder&apos;s permissions.</source>
        <translation>impossible d&apos;ouvrir {path} : {reason}. Vérifiez les droits d&apos;accès du fichier et de son dossier.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} is damaged (its size, {size} bytes, is not a whole number of pages: the file was cut short, e.g. by a full disk or a failed copy). Nothing was changed. Restore a backup: &apos;alyesdesk restore --list&apos;, or File &gt; Restore from backup.</source>
        <translation>{name} est endommagé (sa taille, {size} octets, n&apos;est pas un nombre entier de pages : le fichier a été tronqué, par exemple par un disque plein ou une copie interrompue). Rien n&apos;a été modifié. Restaurez une sauvegarde : &apos;alyesdesk restore --list&apos;, ou Fichier &gt; Restaurer une sauvegarde.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong passphrase: the database could not be decrypted. Nothing was changed; try again. If you are sure of the passphrase, the file may be damaged: restore a backup (&apos;alyesdesk restore --list&apos;).</source>
        <translation>Phrase secrète incorrecte : la base de données n&apos;a pas pu être déchiffrée. Rien n&apos;a été modifié ; réessayez. Si vous êtes sûr de la phrase secrète, le fichier est peut-être endommagé : restaurez une sauvegarde (&apos;alyesdesk restore --list&apos;).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key from the system keyring does not open {name}: the file is damaged, was replaced, or is protected by a passphrase. Nothing was changed. If you set a passphrase, enter it instead; otherwise restore a backup (&apos;alyesdesk restore --list&apos;).</source>
        <translation>La clé du trousseau de mots de passe du système n&apos;ouvre pas {name} : le fichier est endommagé, a été remplacé ou est protégé par une phrase secrète. Rien n&apos;a été modifié. Si vous avez défini une phrase secrète, saisissez-la ; sinon, restaurez une sauvegarde (&apos;alyesdesk restore --list&apos;).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the database cannot be written: {folder} or {name} is read-only. Check the folder&apos;s permissions (or choose another with ALYESDESK_HOME).</source>
        <translation>impossible d&apos;écrire dans la base de données : {folder} ou {name} est en lecture seule. Vérifiez les droits d&apos;accès du dossier (ou choisissez-en un autre avec ALYESDESK_HOME).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the disk holding {folder} is full: free some space, then try again. Nothing already stored was lost.</source>
        <translation>le disque qui contient {folder} est plein : libérez de l&apos;espace, puis réessayez. Rien de ce qui était déjà enregistré n&apos;a été perdu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the system refused to make {name} larger (a file size limit): raise the limit or free space, then try again.</source>
        <translation>le système a refusé d&apos;agrandir {name} (limite de taille de fichier) : relevez cette limite ou libérez de l&apos;espace, puis réessayez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is damaged ({reason}). Restore a backup: &apos;alyesdesk restore --list&apos;, or File &gt; Restore from backup.</source>
        <translation>{name} est endommagé ({reason}). Restaurez une sauvegarde : &apos;alyesdesk restore --list&apos;, ou Fichier &gt; Restaurer une sauvegarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot open {path}: check that it is a file and that {folder} is writable.</source>
        <translation>impossible d&apos;ouvrir {path} : vérifiez que c&apos;est bien un fichier et que {folder} est accessible en écriture.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database error: {reason}</source>
        <translation>erreur de base de données : {reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot start the encrypted database driver: {reason}</source>
        <translation>impossible de démarrer le pilote de la base de données chiffrée : {reason}</translation>
    </message>
    <message>
        <location filename="../storage/keys.py" line="+191"/>
        <source>is empty (0 bytes)</source>
        <translation>est vide (0 octet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is missing</source>
        <translation>est introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, created {date}</source>
        <translation>, créée le {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (database id {db_id}{since})</source>
        <translation> (identifiant de base {db_id}{since})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your database {path} {state}{ident}, but its key is still kept: results stored before are in that file or in a backup of it. Put the file back (it may have been moved, or restored by a sync tool), or restore a backup with &apos;alyesdesk restore --list&apos; / File &gt; Restore from backup. To start a new, empty database instead, run &apos;alyesdesk restore --new-empty&apos; (the old key is kept, so the old file and its backups still open later).</source>
        <translation>Votre base de données {path} {state}{ident}, mais sa clé est toujours conservée : les résultats enregistrés auparavant se trouvent dans ce fichier ou dans une de ses sauvegardes. Remettez le fichier en place (il a peut-être été déplacé, ou restauré par un outil de synchronisation), ou restaurez une sauvegarde avec &apos;alyesdesk restore --list&apos; / Fichier &gt; Restaurer une sauvegarde. Pour repartir plutôt d&apos;une base neuve et vide, lancez &apos;alyesdesk restore --new-empty&apos; (l&apos;ancienne clé est conservée : l&apos;ancien fichier et ses sauvegardes pourront encore être ouverts plus tard).</translation>
    </message>
    <message>
        <location filename="../storage/migrations.py" line="+110"/>
        <source>this database has schema version {version}, newer than this AlyesDesk knows ({latest}): update AlyesDesk; the file was not changed</source>
        <translation>cette base de données est au schéma version {version}, plus récent que ce que connaît cette version d&apos;AlyesDesk ({latest}) : mettez AlyesDesk à jour ; le fichier n&apos;a pas été modifié</translation>
    </message>
    <message>
        <location filename="../storage/teach_records.py" line="+112"/>
        <source>a project needs a name</source>
        <translation>un projet doit avoir un nom</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>there is already a project named &apos;{name}&apos;</source>
        <translation>il existe déjà un projet nommé « {name} »</translation>
    </message>
    <message>
        <location filename="../ui/documents/pdf_process.py" line="+62"/>
        <source>{name}: {what}. Open it in a PDF viewer, or print it to a new PDF and check that</source>
        <translation>{name} : {what}. Ouvrez-le dans une visionneuse PDF, ou imprimez-le dans un nouveau PDF et vérifiez celui-ci</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} pages could not be rendered in time (or crashed the PDF renderer), so the rest was not tried; the file may be damaged or hostile</source>
        <translation>{count} pages n&apos;ont pas pu être rendues à temps (ou ont fait planter le moteur de rendu PDF), le reste n&apos;a donc pas été tenté ; le fichier est peut-être endommagé ou malveillant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the PDF renderer did not start (check the installation)</source>
        <translation>le moteur de rendu PDF n&apos;a pas démarré (vérifiez l&apos;installation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opening it {what}; the file may be damaged or hostile (for example a page tree that refers to itself)</source>
        <translation>son ouverture {what} ; le fichier est peut-être endommagé ou malveillant (par exemple une arborescence de pages qui renvoie sur elle-même)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crashed the PDF renderer</source>
        <translation>a fait planter le moteur de rendu PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>took longer than {seconds} s</source>
        <translation>a pris plus de {seconds} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page {page} {what} to render and was skipped (far too complex, or damaged)</source>
        <translation>le rendu de la page {page} {what} et elle a été ignorée (bien trop complexe, ou endommagée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rendering took longer than {seconds} s in all, the limit for one PDF, and was stopped; the file may be damaged or hostile</source>
        <translation>le rendu a pris plus de {seconds} s au total, la limite pour un PDF, et a été arrêté ; le fichier est peut-être endommagé ou malveillant</translation>
    </message>
    <message>
        <location filename="../ui/documents/pdf_render.py" line="-9"/>
        <source>{name}: no such file</source>
        <translation>{name} : fichier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: the PDF is empty (0 bytes)</source>
        <translation>{name} : le PDF est vide (0 octet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: the PDF is password-protected (encrypted); remove the password and retry</source>
        <translation>{name} : le PDF est protégé par un mot de passe (chiffré) ; retirez le mot de passe et réessayez</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: the PDF uses an unsupported encryption scheme</source>
        <translation>{name} : le PDF utilise un chiffrement non pris en charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: not a valid PDF (corrupt or truncated)</source>
        <translation>{name} : PDF non valide (corrompu ou tronqué)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: the PDF could not be opened ({reason})</source>
        <translation>{name} : le PDF n&apos;a pas pu être ouvert ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: the PDF has no pages</source>
        <translation>{name} : le PDF ne contient aucune page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: {total} pages, over the {limit}-page limit; split the PDF and check the parts</source>
        <translation>{name} : {total} pages, au-delà de la limite de {limit} pages ; découpez le PDF et vérifiez les parties une à une</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>page {page} {problem}</source>
        <translation>la page {page} {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: page {page} {problem}</source>
        <translation>{name} : la page {page} {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has no size</source>
        <translation>n&apos;a pas de taille</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not be rendered</source>
        <translation>n&apos;a pas pu être rendue</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <location filename="../ui/documents/export_actions.py" line="+43"/>
        <source>Save batch report</source>
        <translation>Enregistrer le rapport du lot</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export annotated document</source>
        <translation>Exporter le document annoté</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder for {value} annotated documents</source>
        <translation>Dossier pour {value} documents annotés</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{value} document(s)</source>
        <translation>{value} document(s)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} reviewed page(s) as YOLO training data</source>
        <translation>{n} page(s) revue(s), en données d&apos;entraînement YOLO</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Folder for the training data (images/ and labels/)</source>
        <translation>Dossier des données d&apos;entraînement (images/ et labels/)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No reviewed document to export: review some first</source>
        <translation>Aucun document vérifié à exporter : vérifiez-en d&apos;abord</translation>
    </message>
    <message>
        <location filename="../ui/streets/exports.py" line="+192"/>
        <source>Open a video first: the MP4 export overlays every frame of the video.</source>
        <translation>Ouvrez d&apos;abord une vidéo : l&apos;export MP4 superpose chaque image de la vidéo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export overlaid video</source>
        <translation>Exporter la vidéo superposée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MP4 video (*.mp4)</source>
        <translation>Vidéo MP4 (*.mp4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to export yet: open an image, a video or the webcam first.</source>
        <translation>Rien à exporter pour l&apos;instant : ouvrez d&apos;abord une image, une vidéo ou la webcam.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{frames} frames</source>
        <translation>{frames} images</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Exporting {value}…</source>
        <translation>Exportation de {value}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting {value} images…</source>
        <translation>Exportation de {value} images…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exporting every frame…</source>
        <translation>Exportation de chaque image de la vidéo…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelling export…</source>
        <translation>Annulation de l&apos;exportation…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Exportation annulée ; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>Exporting</name>
    <message>
        <location filename="../ui/widgets/exporting.py" line="+41"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose what to export (Ctrl+E)</source>
        <translation>Choisir quoi exporter (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Exported to {path}</source>
        <translation>Exporté vers {path}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export failed: {reason}</source>
        <translation>Échec de l&apos;export : {reason}</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../ui/streets/exports.py" line="-196"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open a video first: the batch export writes every frame of the open video.</source>
        <translation>Ouvrez d&apos;abord une vidéo : l&apos;export par lot écrit chaque image de la vidéo ouverte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder of street images to segment</source>
        <translation>Dossier d&apos;images de rue à segmenter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No images in {folder}.</source>
        <translation>Aucune image dans {folder}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the results into this folder</source>
        <translation>Écrire les résultats dans ce dossier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} frames</source>
        <translation>{count} images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} images</source>
        <translation>{count} images</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {value} could not be read (see failed.csv)</source>
        <translation> ; {value} illisible(s) (voir failed.csv)</translation>
    </message>
</context>
<context>
    <name>EyeCrops</name>
    <message>
        <location filename="../ui/gaze/camera_view.py" line="+65"/>
        <source>Right eye</source>
        <translation>Œil droit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left eye</source>
        <translation>Œil gauche</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{title} (32x32)</source>
        <translation>{title} (32x32)</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../ui/file_dialogs.py" line="+168"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
</context>
<context>
    <name>FileProblems</name>
    <message>
        <location filename="../ui/widgets/file_problems.py" line="+34"/>
        <source>the file could not be read</source>
        <translation>le fichier n&apos;a pas pu être lu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: {reason}</source>
        <translation>{name} : {reason}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Hide this list</source>
        <translation>Masquer cette liste</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This file could not be used:</source>
        <translation>Ce fichier n&apos;a pas pu être utilisé :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} files could not be used:</source>
        <translation>{count} fichiers n&apos;ont pas pu être utilisés :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…and {count} more</source>
        <translation>…et {count} de plus</translation>
    </message>
</context>
<context>
    <name>GazeControls</name>
    <message>
        <location filename="../ui/gaze/controls.py" line="-25"/>
        <source>MediaPipe face mesh + iris (accurate)</source>
        <translation>Maillage du visage + iris MediaPipe (précis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Haar cascades (fast, less accurate)</source>
        <translation>Cascades de Haar (rapide, moins précis)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>9 points</source>
        <translation>9 points</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>16 points</source>
        <translation>16 points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 points</source>
        <translation>5 points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smooth pursuit (moving dot)</source>
        <translation>Poursuite lente (point mobile)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>9 points + moving dot (more accurate)</source>
        <translation>9 points + point mobile (plus précis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>9 points + moving dot + head movement (most accurate, 50 s)</source>
        <translation>9 points + point mobile + mouvements de tête (le plus précis, 50 s)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webcam, video file or simulated webcam to track</source>
        <translation>La webcam, le fichier vidéo ou la webcam simulée à suivre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find cameras</source>
        <translation>Chercher les caméras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look again for the webcams plugged into this computer</source>
        <translation>Chercher de nouveau les webcams branchées sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the face and eyes are found: MediaPipe is more accurate, Haar is faster</source>
        <translation>Comment le visage et les yeux sont trouvés : MediaPipe est plus précis, Haar plus rapide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start tracking</source>
        <translation>Démarrer le suivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start or stop tracking your gaze with the chosen source</source>
        <translation>Démarrer ou arrêter le suivi du regard avec la source choisie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Front end</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Screen and calibration</source>
        <translation>Écran et calibrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The screen you look at (calibrations are kept per screen)</source>
        <translation>L&apos;écran que vous regardez (les calibrages sont gardés par écran)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distance between your eyes and the screen</source>
        <translation>Distance entre vos yeux et l&apos;écran</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The dots you look at during calibration</source>
        <translation>Les points que vous regardez pendant le calibrage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Calibrate…</source>
        <translation>Calibrer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look at a few dots (about 30 seconds) so the gaze point lands where you look</source>
        <translation>Regarder quelques points (environ 30 secondes) pour que le regard tombe où vous regardez</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-centre (1 point)</source>
        <translation>Recentrer (1 point)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct a small shift of the calibration by looking at one dot</source>
        <translation>Corriger un petit décalage du calibrage en regardant un seul point</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No calibration</source>
        <translation>Aucun calibrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Viewing distance</source>
        <translation>Distance de l&apos;écran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Gaze cursor and heatmap</source>
        <translation>Curseur du regard et carte de chaleur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On-screen cursor ({OVERLAY_SHORTCUT})</source>
        <translation>Curseur à l&apos;écran ({OVERLAY_SHORTCUT})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the gaze cursor over every window</source>
        <translation>Dessiner le curseur du regard par-dessus toutes les fenêtres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size of the on-screen gaze cursor</source>
        <translation>Taille du curseur du regard à l&apos;écran</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the colour of the gaze cursor</source>
        <translation>Choisir la couleur du curseur du regard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How fast old heat fades: after this time it counts half</source>
        <translation>Vitesse d&apos;effacement de la chaleur ancienne : après ce temps elle compte moitié</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>off (keep everything)</source>
        <translation>désactivé (tout garder)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear heatmap</source>
        <translation>Effacer la carte de chaleur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the heatmap again from nothing</source>
        <translation>Repartir d&apos;une carte de chaleur vide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cursor size</source>
        <translation>Taille du curseur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cursor colour</source>
        <translation>Couleur du curseur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heat half-life</source>
        <translation>Demi-vie de la chaleur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of the next recorded session</source>
        <translation>Nom de la prochaine session enregistrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session name (e.g. &apos;Reading test&apos;)</source>
        <translation>Nom de la session (p. ex. « Test de lecture »)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the gaze of this session (listed in Sessions)</source>
        <translation>Enregistrer le regard de cette session (listée dans Sessions)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not recording</source>
        <translation>Pas d&apos;enregistrement en cours</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera off</source>
        <translation>Caméra éteinte</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Video file…</source>
        <translation>Fichier vidéo…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Where you looked on the tracked screen: heat, recent fixations (circles), gaze now (ring)</source>
        <translation>Où vous avez regardé sur l&apos;écran suivi : chaleur, fixations récentes (cercles), regard actuel (anneau)</translation>
    </message>
</context>
<context>
    <name>GazeCursorWindow</name>
    <message>
        <location filename="../ui/gaze/overlay.py" line="+46"/>
        <source>AlyesDesk gaze cursor</source>
        <translation>Curseur du regard AlyesDesk</translation>
    </message>
</context>
<context>
    <name>GazeStatus</name>
    <message>
        <location filename="../ui/gaze/camera_view.py" line="-98"/>
        <location filename="../ui/gaze/worker.py" line="+310"/>
        <source>Tracking</source>
        <translation>Suivi en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/gaze/worker.py" line="+1"/>
        <source>No face</source>
        <translation>Aucun visage</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/gaze/worker.py" line="+0"/>
        <source>Blink</source>
        <translation>Clignement</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/gaze/worker.py" line="+0"/>
        <source>Low confidence</source>
        <translation>Confiance faible</translation>
    </message>
    <message>
        <location filename="../ui/gaze/worker.py" line="-21"/>
        <source>camera {fps:5.1f} fps
processing {ms:5.1f} ms
display lag {lag:5.1f} ms
dropped {dropped} of {count} frames</source>
        <translation>caméra {fps:5.1f} i/s
traitement {ms:5.1f} ms
retard d&apos;affichage {lag:5.1f} ms
{dropped} images perdues sur {count}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>recorded {count} samples</source>
        <translation>{count} échantillons enregistrés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>eyes closed</source>
        <translation>yeux fermés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no open eye found</source>
        <translation>aucun œil ouvert trouvé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only one eye found</source>
        <translation>un seul œil trouvé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Face and eyes found; no gaze point until you calibrate.</source>
        <translation>Visage et yeux trouvés ; pas de point de regard avant le calibrage.</translation>
    </message>
</context>
<context>
    <name>GazeStream</name>
    <message>
        <location filename="../ui/gaze/stream.py" line="+35"/>
        <source>Share gaze (local API)</source>
        <translation>Partager le regard (API locale)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other programs on this computer receive the filtered gaze points, with the API token shown by &apos;alyesdesk serve --show-token&apos;.</source>
        <translation>Les autres programmes de cet ordinateur reçoivent les points de regard filtrés, avec le jeton d&apos;API affiché par « alyesdesk serve --show-token ».</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The gaze stream could not start: {error}</source>
        <translation>Le flux du regard n&apos;a pas pu démarrer : {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The gaze stream needs the &quot;serve&quot; extra: pip install -c constraints.txt -e &quot;.[serve]&quot;</source>
        <translation>Le flux du regard a besoin de l&apos;extra « serve » : pip install -c constraints.txt -e &quot;.[serve]&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gaze stream needs the database open: its API token is kept there.</source>
        <translation>Le flux du regard a besoin de la base de données ouverte : son jeton d&apos;API y est conservé.</translation>
    </message>
</context>
<context>
    <name>GazeTab</name>
    <message>
        <location filename="../ui/gaze/tab.py" line="+106"/>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../ui/gaze/pages.py" line="+24"/>
        <source>Studies</source>
        <translation>Études</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pointer</source>
        <translation>Pointeur</translation>
    </message>
    <message>
        <location filename="../ui/gaze/tab.py" line="+76"/>
        <source>The stored calibration cannot be used ({exc}); please recalibrate.</source>
        <translation>Le calibrage enregistré est inutilisable ({exc}) ; veuillez recalibrer.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No calibration for this screen.</source>
        <translation>Aucun calibrage pour cet écran.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No calibration for this screen yet. Tracking already shows your face and eyes, but a gaze point needs a calibration: you look at a few dots for about 30 seconds.</source>
        <translation>Pas encore de calibrage pour cet écran. Le suivi montre déjà votre visage et vos yeux, mais un point de regard demande un calibrage : vous regardez quelques points pendant environ 30 secondes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calibrate now</source>
        <translation>Calibrer maintenant</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Calibrated, but not stored (the database is locked): it lasts until you quit.</source>
        <translation>Calibré, mais non enregistré (la base de données est verrouillée) : le calibrage dure jusqu&apos;à la fermeture.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calibration saved for {current_screen_key}: {text}</source>
        <translation>Calibrage enregistré pour {current_screen_key} : {text}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re-centring needs a calibration first: press Calibrate.</source>
        <translation>Le recentrage demande d&apos;abord un calibrage : appuyez sur Calibrer.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a camera, a video file or the simulated webcam first.</source>
        <translation>Choisissez d&apos;abord une caméra, un fichier vidéo ou la webcam simulée.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Starting {label}…</source>
        <translation>Démarrage de {label}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tracking stopped</source>
        <translation>Suivi arrêté</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera off: choose a camera and press Start.</source>
        <translation>Caméra éteinte : choisissez une caméra et appuyez sur Démarrer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop tracking</source>
        <translation>Arrêter le suivi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start tracking</source>
        <translation>Démarrer le suivi</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tracking with {description}</source>
        <translation>Suivi avec {description}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The video ended: tracking stopped.</source>
        <translation>La vidéo est terminée : le suivi s&apos;est arrêté.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera error: {message}</source>
        <translation>Erreur de caméra : {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking could not start: {message}</source>
        <translation>Le suivi n&apos;a pas pu démarrer : {message}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> The session &apos;{name}&apos; was kept and ends at its last sample.</source>
        <translation> La session « {name} » est conservée et s&apos;arrête à son dernier échantillon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera lost: {message}</source>
        <translation>Caméra perdue : {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera lost: {message}.{kept}</source>
        <translation>Caméra perdue : {message}.{kept}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The database is locked: sessions cannot be stored.</source>
        <translation>La base de données est verrouillée : les sessions ne peuvent pas être enregistrées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calibrate first: without a calibration there is no gaze point to record.</source>
        <translation>Calibrez d&apos;abord : sans calibrage, il n&apos;y a pas de point de regard à enregistrer.</translation>
    </message>
</context>
<context>
    <name>HistoryDetailsDialog</name>
    <message>
        <location filename="../ui/history/details.py" line="+129"/>
        <source>Checked</source>
        <translation>Vérifié le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capability</source>
        <translation>Outil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Versions (checked {count} times with this model):</source>
        <translation>Versions (vérifié {count} fois avec ce modèle) :</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open in its tab</source>
        <translation>Ouvrir dans son onglet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
</context>
<context>
    <name>HistoryFilters</name>
    <message>
        <location filename="../ui/history/filters.py" line="+17"/>
        <source>Any date</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All capabilities</source>
        <translation>Tous les outils</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the results of one capability only</source>
        <translation>N&apos;afficher que les résultats d&apos;un outil</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the results checked in this period</source>
        <translation>Afficher les résultats vérifiés pendant cette période</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First day shown</source>
        <translation>Premier jour affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day shown</source>
        <translation>Dernier jour affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by file, outcome, note or model…</source>
        <translation>Filtrer par fichier, résultat, note ou modèle…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+F: filter by file name, outcome, note or model</source>
        <translation>Ctrl+F : filtrer par nom de fichier, résultat, note ou modèle</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../ui/history/table.py" line="+16"/>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Capability</source>
        <translation>Outil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{count} versions</source>
        <translation>{count} versions</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checked {count} times with this model; Details lists every version</source>
        <translation>Vérifié {count} fois avec ce modèle ; Détails liste chaque version</translation>
    </message>
    <message>
        <location filename="../ui/history/filters.py" line="-41"/>
        <source>Gaze</source>
        <translation>Regard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waste sorting</source>
        <translation>Tri des déchets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Streets</source>
        <translation>Rues</translation>
    </message>
    <message>
        <location filename="../ui/history/tab.py" line="+51"/>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in its tab</source>
        <translation>Ouvrir dans son onglet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was found, every version, and a note (Enter)</source>
        <translation>Ce qui a été trouvé, chaque version et une note (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the file again in the tab that checked it</source>
        <translation>Rouvrir le fichier dans l&apos;onglet qui l&apos;a vérifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder that holds the file</source>
        <translation>Ouvrir le dossier qui contient le fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected results and their versions (Ctrl+Z brings them back)</source>
        <translation>Supprimer les résultats sélectionnés et leurs versions (Ctrl+Z les rétablit)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the results shown as a CSV file</source>
        <translation>Enregistrer les résultats affichés dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+157"/>
        <location line="+5"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>Bring the deleted results back (Ctrl+Z)</source>
        <translation>Rétablir les résultats supprimés (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The database is locked: results are not being stored in this session.</source>
        <translation>La base de données est verrouillée : les résultats ne sont pas enregistrés pendant cette session.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not read the history: {reason}</source>
        <translation>Impossible de lire l&apos;historique : {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No result matches this filter.</source>
        <translation>Aucun résultat ne correspond à ce filtre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No results yet.

Every classification, document check, segmentation, calibration and gaze recording is stored here, encrypted, as soon as it is made.</source>
        <translation>Aucun résultat pour l&apos;instant.

Chaque classement, vérification de document, segmentation, calibrage et enregistrement du regard est conservé ici, chiffré, dès qu&apos;il est fait.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+134"/>
        <source>{count} result(s)</source>
        <translation>{count} résultat(s)</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>The folder of {file} is no longer there</source>
        <translation>Le dossier de {file} n&apos;existe plus</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleted {count} result(s)</source>
        <translation>{count} résultat(s) supprimé(s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replaced {count} earlier result(s) with the new check</source>
        <translation>{count} résultat(s) précédent(s) remplacé(s) par la nouvelle vérification</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restored {count} result(s)</source>
        <translation>{count} résultat(s) rétabli(s)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The results could not be deleted: {reason}</source>
        <translation>Les résultats n&apos;ont pas pu être supprimés : {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../ui/i18n.py" line="+198"/>
        <source>cardboard</source>
        <translation>carton</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>glass</source>
        <translation>verre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>metal</source>
        <translation>métal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paper</source>
        <translation>papier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plastic</source>
        <translation>plastique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trash</source>
        <translation>ordures ménagères</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>flat</source>
        <translation>sol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>human</source>
        <translation>personne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vehicle</source>
        <translation>véhicule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>construction</source>
        <translation>construction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>object</source>
        <translation>objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nature</source>
        <translation>nature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>void</source>
        <translation>vide</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>wood</source>
        <translation>bois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>textiles</source>
        <translation>textiles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organic waste</source>
        <translation>biodéchets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>biological</source>
        <translation>biodéchets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>battery</source>
        <translation>pile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sky</source>
        <translation>ciel</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../ui/streets/legend.py" line="+38"/>
        <source>Show or hide &apos;{name}&apos; in the overlay and exports</source>
        <translation>Afficher ou masquer « {name} » dans la superposition et les exports</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../ui/widgets/lock_screen.py" line="+86"/>
        <source>&lt;h2&gt;AlyesDesk is locked&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;AlyesDesk est verrouillé&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results and images are hidden. Work that was running goes on.
Type the app-lock passphrase to continue.</source>
        <translation>Les résultats et les images sont masqués. Les traitements en cours continuent.
Saisissez la phrase secrète de verrouillage pour continuer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Wrong passphrase.</source>
        <translation>Phrase secrète incorrecte.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+143"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not read the model: {reason}</source>
        <translation>Impossible de lire le modèle : {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking {file}…</source>
        <translation>Vérification de {file}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Model not imported: {reason}</source>
        <translation>Modèle non importé : {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Model imported</source>
        <translation>Modèle importé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} {version} ({task}) was checked and installed.
Use it instead of the current model for this task?</source>
        <translation>{name} {version} ({task}) a été vérifié et installé.
L&apos;utiliser à la place du modèle actuel pour cette tâche ?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported {name} {version}</source>
        <translation>{name} {version} importé</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>App lock on: the passphrase is asked at every start (and after {minutes} idle minutes)</source>
        <translation>Verrouillage activé : la phrase secrète est demandée à chaque démarrage (et après {minutes} minutes d&apos;inactivité)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>App lock removed</source>
        <translation>Verrouillage retiré</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backup not written: {reason}</source>
        <translation>Sauvegarde non écrite : {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup written: {path}</source>
        <translation>Sauvegarde écrite : {path}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Restored the backup of {date}</source>
        <translation>Sauvegarde du {date} restaurée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Collecting diagnostics (probing cameras)…</source>
        <translation>Collecte du diagnostic (recherche des caméras)…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Diagnostics not collected</source>
        <translation>Diagnostic non collecté</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Settings not changed: {reason}</source>
        <translation>Paramètres non modifiés : {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The new language applies at the next start of AlyesDesk.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage d&apos;AlyesDesk.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Results not stored: database locked</source>
        <translation>Résultats non enregistrés : base de données verrouillée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The encrypted database is not open (locked, missing or unreadable): what you do here is shown but not kept. Restart AlyesDesk to unlock it, or use File &gt; Restore from backup.</source>
        <translation>La base de données chiffrée n&apos;est pas ouverte (verrouillée, introuvable ou illisible) : ce que vous faites ici est affiché mais pas conservé. Redémarrez AlyesDesk pour la déverrouiller, ou utilisez Fichier &gt; Restaurer une sauvegarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encrypted storage (passphrase)</source>
        <translation>Stockage chiffré (phrase secrète)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encrypted storage (key in the system&apos;s password store)</source>
        <translation>Stockage chiffré (clé dans le trousseau du système)</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <location filename="../ui/widgets/messages.py" line="+15"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy for a bug report</source>
        <translation>Copier pour un rapport de bogue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>NotificationBell</name>
    <message>
        <location line="+56"/>
        <source>Messages (errors and notices of this session)</source>
        <translation>Messages (erreurs et avis de cette session)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages (1 new error)</source>
        <translation>Messages (1 nouvelle erreur)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages ({count} new errors)</source>
        <translation>Messages ({count} nouvelles erreurs)</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <location filename="../ui/i18n.py" line="+24"/>
        <source>{verdict}: {count} signature(s) on {pages} page(s), {expected} expected</source>
        <translation>{verdict} : {count} signature(s) sur {pages} page(s), {expected} attendue(s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label} (corrected from {original})</source>
        <translation>{label} (corrigé, était {original})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>calibration on {screen}: {degrees}° on average, {pixels} px</source>
        <translation>calibrage sur {screen} : {degrees}° en moyenne, {pixels} px</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} samples, {minutes} min {seconds} s</source>
        <translation>{count} échantillons, {minutes} min {seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recording…</source>
        <translation>enregistrement…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>calibration ({frontend})</source>
        <translation>calibrage ({frontend})</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../ui/documents/viewer.py" line="+51"/>
        <source>{title}: drag to pan, Ctrl+wheel to zoom</source>
        <translation>{title} : faites glisser pour déplacer, Ctrl+molette pour zoomer</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location line="+89"/>
        <source>Original page</source>
        <translation>Page d&apos;origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detected signatures</source>
        <translation>Signatures détectées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No document selected</source>
        <translation>Aucun document sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (or use the mouse wheel)</source>
        <translation>Zoomer (ou utiliser la molette)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (or use the mouse wheel)</source>
        <translation>Dézoomer (ou utiliser la molette)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole page</source>
        <translation>Afficher la page entière</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Original&lt;/b&gt;</source>
        <translation>&lt;b&gt;Original&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Signatures found&lt;/b&gt;</source>
        <translation>&lt;b&gt;Signatures trouvées&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Page {value} of {total}</source>
        <translation>Page {value} sur {total}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No pages</source>
        <translation>Aucune page</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../ui/dialogs/passphrase.py" line="+25"/>
        <source>Protect your data</source>
        <translation>Protégez vos données</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlock AlyesDesk</source>
        <translation>Déverrouiller AlyesDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least {count} characters. Keep it safe: without it the encrypted database cannot be opened by anyone, including you.</source>
        <translation>Au moins {count} caractères. Conservez-la précieusement : sans elle, personne ne peut ouvrir la base de données chiffrée, pas même vous.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Continue without storing</source>
        <translation>Continuer sans enregistrer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrong passphrase. Nothing was changed; try again.</source>
        <translation>Phrase secrète incorrecte. Rien n&apos;a été modifié ; réessayez.</translation>
    </message>
</context>
<context>
    <name>PassphraseForm</name>
    <message>
        <location filename="../ui/dialogs/passphrase_form.py" line="+25"/>
        <source>Your passphrase (it is never stored)</source>
        <translation>Votre phrase secrète (elle n&apos;est jamais enregistrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same passphrase again, to catch a typing mistake</source>
        <translation>La même phrase secrète, pour repérer une faute de frappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show passphrase</source>
        <translation>Afficher la phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the characters typed (make sure nobody is looking)</source>
        <translation>Afficher les caractères tapés (vérifiez que personne ne regarde)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes sont différentes.</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <location filename="../ui/dialogs/passphrase_strength.py" line="+22"/>
        <source>Too short: at least {count} characters.</source>
        <translation>Trop courte : au moins {count} caractères.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak: easy to guess. Use a longer one, for example four unrelated words.</source>
        <translation>Faible : facile à deviner. Prenez-en une plus longue, par exemple quatre mots sans rapport.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair: a few more words or characters would make it strong.</source>
        <translation>Moyenne : quelques mots ou caractères de plus la rendraient forte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong.</source>
        <translation>Forte.</translation>
    </message>
</context>
<context>
    <name>PlaceholderTab</name>
    <message>
        <location filename="../ui/widgets/placeholder.py" line="+25"/>
        <source>&lt;i&gt;This tab could not start: {reason}&lt;/i&gt;</source>
        <translation>&lt;i&gt;Cet onglet n&apos;a pas pu démarrer : {reason}&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;i&gt;Coming in a next version.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Disponible dans une prochaine version.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <location filename="../ui/streets/playback.py" line="+105"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>PointerPanel</name>
    <message>
        <location filename="../ui/gaze/pointer.py" line="+49"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-left</source>
        <translation>en haut à gauche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-right</source>
        <translation>en haut à droite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bottom-left</source>
        <translation>en bas à gauche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bottom-right</source>
        <translation>en bas à droite</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Move the mouse pointer with my gaze ({POINTER_SHORTCUT})</source>
        <translation>Déplacer le pointeur de la souris avec mon regard ({POINTER_SHORTCUT})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let your gaze move the mouse pointer; control is released when tracking is lost</source>
        <translation>Laisser votre regard déplacer le pointeur ; le contrôle est rendu quand le suivi est perdu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click by dwelling</source>
        <translation>Cliquer en fixant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click where you keep looking for the time set below</source>
        <translation>Cliquer là où vous regardez pendant le temps réglé ci-dessous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long to keep looking before a click</source>
        <translation>Durée du regard fixe avant un clic</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Screen corner to look at to pause or resume the pointer</source>
        <translation>Coin de l&apos;écran à regarder pour mettre en pause ou reprendre le pointeur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Off.</source>
        <translation>Désactivé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dwell time</source>
        <translation>Durée de fixation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause region (look there to rest)</source>
        <translation>Zone de pause (regardez-la pour vous reposer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Off by default. Control is released when tracking is lost; turn it on again with the switch or the hotkey.</source>
        <translation>Désactivé par défaut. Le contrôle est rendu quand le suivi est perdu ; réactivez-le avec l&apos;interrupteur ou le raccourci.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dwell clicks and the hotkey work in every application.</source>
        <translation>Les clics par fixation et le raccourci fonctionnent dans toutes les applications.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dwell clicks reach AlyesDesk&apos;s own windows only, and the hotkey works while AlyesDesk has the focus: clicking in other applications needs the optional pynput library ({why}).</source>
        <translation>Les clics par fixation n&apos;atteignent que les fenêtres d&apos;AlyesDesk, et le raccourci ne fonctionne que lorsqu&apos;AlyesDesk a le focus : cliquer dans d&apos;autres applications nécessite la bibliothèque facultative pynput ({why}).</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>The dwell click outside AlyesDesk was not made: clicking in other applications needs pynput ({extra}).</source>
        <translation>Le clic par fixation hors d&apos;AlyesDesk n&apos;a pas été fait : cliquer dans d&apos;autres applications nécessite pynput ({extra}).</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+74"/>
        <source>On: the pointer follows your gaze.</source>
        <translation>Activé : le pointeur suit votre regard.</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>turned off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>tracking lost</source>
        <translation>suivi perdu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closing</source>
        <translation>fermeture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tracking stopped</source>
        <translation>suivi arrêté</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Off ({reason}).</source>
        <translation>Désactivé ({reason}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gaze pointer released: tracking was lost.</source>
        <translation>Pointeur du regard relâché : le suivi a été perdu.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Paused (looking at the pause region).</source>
        <translation>En pause (regard sur la zone de pause).</translation>
    </message>
</context>
<context>
    <name>ProjectsPanel</name>
    <message>
        <location filename="../ui/waste/projects.py" line="+57"/>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a project: a set of classes of your own to teach</source>
        <translation>Commencer un projet : un ensemble de classes à vous à enseigner</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+331"/>
        <source>Delete project</source>
        <translation>Supprimer le projet</translation>
    </message>
    <message>
        <location line="-330"/>
        <source>Delete the selected project and its photos</source>
        <translation>Supprimer le projet sélectionné et ses photos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add class…</source>
        <translation>Ajouter une classe…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a class to the project</source>
        <translation>Ajouter une classe au projet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add photos to the selected class</source>
        <translation>Ajouter des photos à la classe sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add every photo of a folder to the selected class</source>
        <translation>Ajouter toutes les photos d&apos;un dossier à la classe sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the image in the clipboard to the selected class</source>
        <translation>Ajouter l&apos;image du presse-papiers à la classe sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bin…</source>
        <translation>Poubelle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which bin the selected class goes in: the same as a material, or a bin of its own; shown with every answer of the project&apos;s model</source>
        <translation>La poubelle de la classe sélectionnée : la même qu&apos;une matière, ou une poubelle à elle ; indiquée avec chaque réponse du modèle du projet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Teach</source>
        <translation>Apprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the classes from their photos and show how well they are told apart</source>
        <translation>Enseigner les classes à partir de leurs photos et montrer si elles sont bien distinguées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adapt to my corrections</source>
        <translation>Adapter à mes corrections</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refit the material model with your corrected photos; keeps the 9 materials</source>
        <translation>Réajuster le modèle des matières avec vos photos corrigées ; garde les 9 matières</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a project, name its classes and add a few photos to each.</source>
        <translation>Créez un projet, nommez ses classes et ajoutez quelques photos à chacune.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Classes (photos)</source>
        <translation>Classes (photos)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Leave-one-out confusion (rows: true class, columns: predicted)</source>
        <translation>Confusion en validation croisée un contre tous (lignes : vraie classe, colonnes : prédite)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ambiguous photos (wrong, or right by a small margin)</source>
        <translation>Photos ambiguës (fausses, ou justes de peu)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{value} ({value2} classes, {n} photos{suffix})</source>
        <translation>{value} ({value2} classes, {n} photos{suffix})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Projects live in the database, which is locked: unlock it to teach.</source>
        <translation>Les projets sont dans la base de données, qui est verrouillée : déverrouillez-la pour l&apos;apprentissage.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not taught yet: add at least 2 photos to each class, then press Teach.</source>
        <translation>Pas encore appris : ajoutez au moins 2 photos à chaque classe, puis appuyez sur Apprendre.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{value} accuracy: {value2:.0%}</source>
        <translation>précision {value} : {value2:.0%}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; in-domain test accuracy {value:.1%} before, {value2:.1%} after</source>
        <translation> ; précision de test sur vos photos {value:.1%} avant, {value2:.1%} après</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>. Model &apos;{value}&apos; installed: choose it under Models, or `alyesdesk classify --model {value}`</source>
        <translation>. Modèle « {value} » installé : choisissez-le dans Modèles, ou `alyesdesk classify --model {value}`</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Projects live in the database, which is locked: unlock it to teach</source>
        <translation>Les projets sont dans la base de données, qui est verrouillée : déverrouillez-la pour l&apos;apprentissage</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not create it</source>
        <translation>Création impossible</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not add it</source>
        <translation>Ajout impossible</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>same bin as {material}</source>
        <translation>même poubelle que {material}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not set the bin</source>
        <translation>Impossible de choisir la poubelle</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+20"/>
        <source>Choose a project and a class first</source>
        <translation>Choisissez d&apos;abord un projet et une classe</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Added {added} photo(s) to {label}</source>
        <translation>{added} photo(s) ajoutée(s) à {label}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {duplicates} already there</source>
        <translation>, {duplicates} déjà présente(s)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not add the photos</source>
        <translation>Impossible d&apos;ajouter les photos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not add the photo</source>
        <translation>Impossible d&apos;ajouter la photo</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The clipboard holds no image and no image file</source>
        <translation>Le presse-papiers ne contient ni image ni fichier image</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Teaching…</source>
        <translation>Apprentissage…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>photo #{value}</source>
        <translation>photo n° {value}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Teaching failed: {m}</source>
        <translation>L&apos;apprentissage a échoué : {m}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adapting the material model to your corrections…</source>
        <translation>Adaptation du modèle des matières à vos corrections…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Adapting failed: {m}</source>
        <translation>L&apos;adaptation a échoué : {m}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not delete it</source>
        <translation>Suppression impossible</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Project name:</source>
        <translation>Nom du projet :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Class names, separated by commas:</source>
        <translation>Noms des classes, séparés par des virgules :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete &apos;{value}&apos;, its photos and its model?</source>
        <translation>Supprimer « {value} », ses photos et son modèle ?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class name:</source>
        <translation>Nom de la classe :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No bin</source>
        <translation>Pas de poubelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Same bin as {material}</source>
        <translation>Même poubelle que {material}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bin of its own…</source>
        <translation>Une poubelle à elle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Bin for {label}</source>
        <translation>Poubelle pour {label}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Where does {label} go?</source>
        <translation>Où va {label} ?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name of the bin (as written on it):</source>
        <translation>Nom de la poubelle (tel qu&apos;écrit dessus) :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add photos of this class</source>
        <translation>Ajouter des photos de cette classe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of photos of this class</source>
        <translation>Ajouter un dossier de photos de cette classe</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../ui/documents/queue.py" line="+38"/>
        <source> · {expected_per_page}/page</source>
        <translation> · {expected_per_page}/page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>model: {verdict}</source>
        <translation>modèle : {verdict}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>note: {note}</source>
        <translation>note : {note}</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <location filename="../ui/recent_menu.py" line="+18"/>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{prefix}{name}  ({tab})</source>
        <translation>{prefix}{name}  ({tab})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{prefix}{name}  (missing)</source>
        <translation>{prefix}{name}  (introuvable)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No recent files</source>
        <translation>Aucun fichier récent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove missing files</source>
        <translation>Retirer les fichiers introuvables</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} missing file(s) removed from the recent list</source>
        <translation>{count} fichier(s) introuvable(s) retiré(s) de la liste des fichiers récents</translation>
    </message>
</context>
<context>
    <name>RecentreWindow</name>
    <message>
        <location filename="../ui/gaze/recentre.py" line="+32"/>
        <source>AlyesDesk re-centre</source>
        <translation>Recentrage AlyesDesk</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Look at the dot to re-centre the calibration.   (Esc cancels)</source>
        <translation>Regardez le point pour recentrer le calibrage.   (Échap pour annuler)</translation>
    </message>
</context>
<context>
    <name>RecheckWatcher</name>
    <message>
        <location filename="../ui/history/rechecks.py" line="+91"/>
        <source>Checked again</source>
        <translation>Vérifié à nouveau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} was already checked with this model. Replace the stored result with the new one, or keep both as versions?</source>
        <translation>{file} a déjà été vérifié avec ce modèle. Remplacer le résultat enregistré par le nouveau, ou garder les deux comme versions ?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} files were already checked with this model. Replace their stored results with the new ones, or keep both as versions?</source>
        <translation>{count} fichiers ont déjà été vérifiés avec ce modèle. Remplacer leurs résultats enregistrés par les nouveaux, ou garder les deux comme versions ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Don&apos;t ask again</source>
        <translation>Ne plus demander</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <location filename="../ui/gaze/recording.py" line="+73"/>
        <source>recording the session &apos;{name}&apos;</source>
        <translation>enregistrement de la session « {name} »</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session {date}</source>
        <translation>Session du {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recording needs the database (it is locked): sessions cannot be stored.</source>
        <translation>L&apos;enregistrement a besoin de la base de données (elle est verrouillée) : les sessions ne peuvent pas être conservées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start tracking with a calibration before recording.</source>
        <translation>Démarrez le suivi avec un calibrage avant d&apos;enregistrer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Starting &apos;{name}&apos;…</source>
        <translation>Démarrage de « {name} »…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saving &apos;{session_name}&apos;…</source>
        <translation>Enregistrement de « {session_name} »…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recording &apos;{session_name}&apos;</source>
        <translation>Enregistrement de « {session_name} » en cours</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved &apos;{session_name}&apos;: {written} samples</source>
        <translation>« {session_name} » enregistrée : {written} échantillons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session &apos;{session_name}&apos; saved ({written} samples)</source>
        <translation>Session « {session_name} » enregistrée ({written} échantillons)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The session could not be closed: {message}</source>
        <translation>La session n&apos;a pas pu être fermée : {message}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop recording</source>
        <translation>Arrêter l&apos;enregistrement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>RegionBar</name>
    <message>
        <location filename="../ui/waste/regions.py" line="+30"/>
        <source>Edit bins…</source>
        <translation>Modifier les bacs…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the bins and what goes in them for this region</source>
        <translation>Changer les bacs et ce qui y va pour cette région</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import bins…</source>
        <translation>Importer des bacs…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the bins of your municipality from a JSON file</source>
        <translation>Charger les bacs de votre commune depuis un fichier JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Region:</source>
        <translation>Région :</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bin nomenclature ignored: {message}</source>
        <translation>Nomenclature de tri ignorée : {message}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (yours)</source>
        <translation> (la vôtre)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not import the bins: {exc}</source>
        <translation>Impossible d&apos;importer les poubelles : {exc}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported bins for {name}</source>
        <translation>Poubelles importées pour {name}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No bin nomenclature to edit: import one first</source>
        <translation>Aucune nomenclature de tri à modifier : importez-en d&apos;abord une</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved your bins for {name}</source>
        <translation>Vos poubelles pour {name} sont enregistrées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import a bin nomenclature</source>
        <translation>Importer une nomenclature de tri</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <location filename="../ui/gaze/sessions.py" line="+116"/>
        <source>Select a session to replay it.</source>
        <translation>Sélectionnez une session pour la rejouer.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no screenshot recorded</source>
        <translation>aucune capture d&apos;écran enregistrée</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <location filename="../ui/waste/cards.py" line="-262"/>
        <source>Could not classify</source>
        <translation>Classement impossible</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not a waste item</source>
        <translation>Pas un déchet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>confirmed</source>
        <translation>confirmé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>corrected</source>
        <translation>corrigé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no bin</source>
        <translation>pas de poubelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not sure</source>
        <translation>incertain</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>same file as an earlier one</source>
        <translation>même fichier qu&apos;un précédent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seen before</source>
        <translation>déjà vu</translation>
    </message>
</context>
<context>
    <name>ResultSummary</name>
    <message>
        <location filename="../ui/history/details.py" line="-145"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Material</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model&apos;s answer</source>
        <translation>Réponse du modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{bin} — {region}</source>
        <translation>{bin} — {region}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bin</source>
        <translation>Bac</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next guesses</source>
        <translation>Autres possibilités</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} found, {expected} expected</source>
        <translation>{count} trouvée(s), {expected} attendue(s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review</source>
        <translation>Relecture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>boxes checked by a person</source>
        <translation>cadres vérifiés par une personne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review note</source>
        <translation>Note de relecture</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{width} × {height} px</source>
        <translation>{width} × {height} px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image size</source>
        <translation>Taille de l&apos;image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Areas</source>
        <translation>Surfaces</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calibration</source>
        <translation>Calibrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Samples</source>
        <translation>Échantillons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Study</source>
        <translation>Étude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stimulus</source>
        <translation>Stimulus</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../ui/waste/results_model.py" line="+83"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Material</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bin</source>
        <translation>Poubelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>sure</source>
        <translation>sûr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not sure</source>
        <translation>incertain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not waste</source>
        <translation>pas un déchet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>corrected</source>
        <translation>corrigé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmed</source>
        <translation>confirmé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (duplicate)</source>
        <translation> (doublon)</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <location filename="../ui/waste/results_view.py" line="+125"/>
        <source>Show the photos as cards</source>
        <translation>Afficher les photos en cartes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Vignettes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the photos as a table</source>
        <translation>Afficher les photos en tableau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show only some of the photos</source>
        <translation>N&apos;afficher qu&apos;une partie des photos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order of the photos</source>
        <translation>Ordre des photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order added</source>
        <translation>Ordre d&apos;ajout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Material</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence, lowest first</source>
        <translation>Confiance, la plus basse d&apos;abord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence, highest first</source>
        <translation>Confiance, la plus haute d&apos;abord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bin</source>
        <translation>Poubelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File name</source>
        <translation>Nom du fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected photo from this list (Delete); its stored result stays in History. Ctrl+Z brings it back.</source>
        <translation>Retirer la photo sélectionnée de cette liste (Suppr) ; son résultat enregistré reste dans l&apos;Historique. Ctrl+Z la remet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last removal or correction (Ctrl+Z)</source>
        <translation>Annuler le dernier retrait ou la dernière correction (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this batch&apos;s results (path, material, confidence, bin, not waste, your label) as a CSV file</source>
        <translation>Enregistrer les résultats de ce lot (chemin, matière, confiance, poubelle, pas un déchet, votre étiquette) dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort:</source>
        <translation>Trier :</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Undo {what} (Ctrl+Z)</source>
        <translation>Annuler : {what} (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Export the results as CSV</source>
        <translation>Exporter les résultats en CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{count} result(s)</source>
        <translation>{count} résultat(s)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{shown} of {total}</source>
        <translation>{shown} sur {total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{total} photo(s)</source>
        <translation>{total} photo(s)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All photos</source>
        <translation>Toutes les photos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not sure</source>
        <translation>Incertaines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not waste</source>
        <translation>Pas des déchets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrected or confirmed</source>
        <translation>Corrigées ou confirmées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Material: {name}</source>
        <translation>Matière : {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bin: {name}</source>
        <translation>Poubelle : {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(filter) {value}</source>
        <translation>(filtre) {value}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Per bin: nothing yet</source>
        <translation>Par poubelle : rien pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no bin: &lt;b&gt;{count}&lt;/b&gt;</source>
        <translation>sans poubelle : &lt;b&gt;{count}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per bin: </source>
        <translation>Par poubelle : </translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../ui/documents/review_panel.py" line="+13"/>
        <source>Your verdict for this document (Alt+0 to Alt+3)</source>
        <translation>Votre verdict pour ce document (Alt+0 à Alt+3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A note stored with your review</source>
        <translation>Une note enregistrée avec votre vérification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept box</source>
        <translation>Accepter le cadre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject box</source>
        <translation>Rejeter le cadre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw missed box</source>
        <translation>Dessiner un cadre manqué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove drawn box</source>
        <translation>Retirer le cadre dessiné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the box you drew</source>
        <translation>Retirer le cadre que vous avez dessiné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This box is a signature (Alt+A)</source>
        <translation>Ce cadre est une signature (Alt+A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This box is not a signature (Alt+X)</source>
        <translation>Ce cadre n&apos;est pas une signature (Alt+X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a box on the boxed page around a signature the model missed (Alt+D)</source>
        <translation>Tracez un cadre sur la page encadrée autour d&apos;une signature que le modèle a manquée (Alt+D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reviewed verdict:</source>
        <translation>Verdict vérifié :</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>uncertain</source>
        <translation>incertain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, verifier {verifier:.2f}</source>
        <translation>, vérificateur {verifier:.2f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Box {value}: {kind} {score:.2f}{ver} — {value2}</source>
        <translation>Cadre {value} : {kind} {score:.2f}{ver} — {value2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drawn box ({value:.0f}, {value2:.0f})–({value3:.0f}, {value4:.0f})</source>
        <translation>Cadre dessiné ({value:.0f}, {value2:.0f})–({value3:.0f}, {value4:.0f})</translation>
    </message>
    <message>
        <location line="+77"/>
        <source> (verifier {verifier:.2f})</source>
        <translation> (vérificateur {verifier:.2f})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; — model: {value}: {count} of {expected} expected signature(s) · this page: {count2} (scores {scores})</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — modèle : {value} : {count} signature(s) sur {expected} attendue(s) · cette page : {count2} (scores {scores})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;reviewed: {value}&lt;/b&gt;</source>
        <translation>&lt;b&gt;vérifié : {value}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{review_count} uncertain box(es) to review (orange)</source>
        <translation>{review_count} cadre(s) incertain(s) à vérifier (orange)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scan read turned {rotation}°</source>
        <translation>scan lu tourné de {rotation}°</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../ui/documents/queue.py" line="+65"/>
        <source>Batch summary</source>
        <translation>Résumé du lot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only the documents with this verdict</source>
        <translation>N&apos;afficher que les documents avec ce verdict</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter the list by file name (Ctrl+F)</source>
        <translation>Filtrer la liste par nom de fichier (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by file name…</source>
        <translation>Filtrer par nom de fichier…</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>&lt;b&gt;{total}&lt;/b&gt; document(s): &lt;span style=&apos;color:{signed_colour}&apos;&gt;{signed} signed&lt;/span&gt; · &lt;span style=&apos;color:{unsigned_colour}&apos;&gt;{unsigned} unsigned&lt;/span&gt; · &lt;span style=&apos;color:{review_colour}&apos;&gt;{review} need review&lt;/span&gt; · {unreadable} unreadable · {reviewed} reviewed by a person</source>
        <translation>&lt;b&gt;{total}&lt;/b&gt; document(s) : &lt;span style=&apos;color:{signed_colour}&apos;&gt;{signed} signé(s)&lt;/span&gt; · &lt;span style=&apos;color:{unsigned_colour}&apos;&gt;{unsigned} non signé(s)&lt;/span&gt; · &lt;span style=&apos;color:{review_colour}&apos;&gt;{review} à vérifier&lt;/span&gt; · {unreadable} illisible(s) · {reviewed} vérifié(s) par une personne</translation>
    </message>
</context>
<context>
    <name>SessionsBrowser</name>
    <message>
        <location filename="../ui/gaze/sessions.py" line="-45"/>
        <source>{count} samples</source>
        <translation>{count} échantillons</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected session</source>
        <translation>Renommer la session sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected session and its samples</source>
        <translation>Supprimer la session sélectionnée et ses mesures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export heatmap PNG…</source>
        <translation>Exporter la carte de chaleur en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the heatmap of the selected session as a PNG image</source>
        <translation>Enregistrer la carte de chaleur de la session sélectionnée en image PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the gaze samples of the selected session as CSV (Ctrl+E)</source>
        <translation>Enregistrer les mesures du regard de la session sélectionnée en CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recorded sessions</source>
        <translation>Sessions enregistrées</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Drag to move through the session</source>
        <translation>Glisser pour parcourir la session</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+111"/>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Replay the session in real time</source>
        <translation>Rejouer la session en temps réel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixations</source>
        <translation>Fixations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the fixations as circles</source>
        <translation>Afficher les fixations en cercles</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The database is locked: sessions are not stored or listed.</source>
        <translation>La base de données est verrouillée : les sessions ne sont ni enregistrées ni listées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sessions yet: start tracking, then Record.</source>
        <translation>Aucune session pour l&apos;instant : démarrez le suivi, puis Enregistrer.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sessions: {message}</source>
        <translation>Sessions : {message}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name}: {t:5.1f} s of {duration:.1f} s · {samples} samples · {shown}/{fixations} fixations · screen {screen}</source>
        <translation>{name} : {t:5.1f} s sur {duration:.1f} s · {samples} échantillons · {shown}/{fixations} fixations · écran {screen}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename session</source>
        <translation>Renommer la session</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not renamed: {exc}</source>
        <translation>Non renommée : {exc}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete session</source>
        <translation>Supprimer la session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this session and all its samples? This cannot be undone.</source>
        <translation>Supprimer cette session et tous ses échantillons ? Cette action est irréversible.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>exporting a session</source>
        <translation>exportation d&apos;une session</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="+18"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same as the computer</source>
        <translation>Comme l&apos;ordinateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock the window after this many idle minutes when an app-lock passphrase is set (0 = never).</source>
        <translation>Verrouiller la fenêtre après ce nombre de minutes d&apos;inactivité quand une phrase secrète de verrouillage est définie (0 = jamais).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask each time</source>
        <translation>Demander à chaque fois</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the stored result</source>
        <translation>Remplacer le résultat enregistré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both as versions</source>
        <translation>Garder les deux comme versions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happens in History when a file is checked again with the same model</source>
        <translation>Ce que fait l&apos;Historique quand un fichier est vérifié à nouveau avec le même modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies at the next start of AlyesDesk.</source>
        <translation>Une nouvelle langue s&apos;applique au prochain démarrage d&apos;AlyesDesk.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock when idle after:</source>
        <translation>Verrouiller après une inactivité de :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File checked again:</source>
        <translation>Fichier vérifié à nouveau :</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../ui/streets/controls.py" line="+114"/>
        <source>&lt;b&gt;Categories&lt;/b&gt; (area of the image)</source>
        <translation>&lt;b&gt;Catégories&lt;/b&gt; (surface de l&apos;image)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> · mean IoU {miou:.2f} on CamVid val</source>
        <translation> · IoU moyen {miou:.2f} sur CamVid val</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data licence not stated</source>
        <translation>licence des données non précisée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model: {name} {version}{quality}
Licence: {licence}
Data: {data}</source>
        <translation>Modèle : {name} {version}{quality}
Licence : {licence}
Données : {data}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Under the mouse: &lt;b&gt;{category}&lt;/b&gt; ({x}, {y})</source>
        <translation>Sous la souris : &lt;b&gt;{category}&lt;/b&gt; ({x}, {y})</translation>
    </message>
</context>
<context>
    <name>SidecarForm</name>
    <message>
        <location filename="../ui/dialogs/import_model.py" line="+44"/>
        <source>Describe {file}</source>
        <translation>Décrire {file}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. MIT, or &apos;private&apos;</source>
        <translation>p. ex. MIT, ou « privé »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comma-separated, in output order</source>
        <translation>séparées par des virgules, dans l&apos;ordre des sorties</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Inputs found</source>
        <translation>Entrées trouvées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Colour order</source>
        <translation>Ordre des couleurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resize</source>
        <translation>Redimensionnement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std</source>
        <translation>Écart type</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Mean and std must be numbers separated by commas ({reason})</source>
        <translation>La moyenne et l&apos;écart type doivent être des nombres séparés par des virgules ({reason})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import model</source>
        <translation>Importer un modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ONNX models (*.onnx)</source>
        <translation>Modèles ONNX (*.onnx)</translation>
    </message>
</context>
<context>
    <name>SourceChoice</name>
    <message>
        <location filename="../ui/gaze/worker.py" line="-259"/>
        <source>Webcam {index}</source>
        <translation>Webcam {index}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Video: {value}</source>
        <translation>Vidéo : {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulated webcam (face follows the mouse)</source>
        <translation>Webcam simulée (le visage suit la souris)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../ui/i18n.py" line="-144"/>
        <source>signed</source>
        <translation>signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsigned</source>
        <translation>non signé</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>needs review</source>
        <translation>à vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmed</source>
        <translation>confirmé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corrected</source>
        <translation>corrigé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Windows Credential Manager</source>
        <translation>Gestionnaire d&apos;identification Windows</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>macOS Keychain</source>
        <translation>Trousseau macOS</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>the desktop&apos;s password store (Secret Service)</source>
        <translation>le trousseau de mots de passe du bureau (Secret Service)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>KDE Wallet</source>
        <translation>Portefeuille KDE</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+9"/>
        <source>no password store available</source>
        <translation>aucun trousseau de mots de passe disponible</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>a plain file (not protected)</source>
        <translation>un simple fichier (non protégé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a file in the data folder</source>
        <translation>un fichier du dossier des données</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the system&apos;s password store</source>
        <translation>le trousseau de mots de passe du système</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the file is not a valid model (see the details)</source>
        <translation>le fichier n&apos;est pas un modèle valide (voir les détails)</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No usable password store was found on this computer to keep the database key ({store}). Choose a passphrase to protect your data; you will type it at each start (or set ALYESDESK_PASSPHRASE for headless use).</source>
        <translation>Aucun trousseau de mots de passe utilisable n&apos;a été trouvé sur cet ordinateur pour garder la clé de la base de données ({store}). Choisissez une phrase secrète pour protéger vos données ; vous la saisirez à chaque démarrage (ou définissez ALYESDESK_PASSPHRASE pour un usage sans interface).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This database is protected by a passphrase.</source>
        <translation>Cette base de données est protégée par une phrase secrète.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This backup is protected by a passphrase.</source>
        <translation>Cette sauvegarde est protégée par une phrase secrète.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database key is not in the system&apos;s password store (was it reset, or the data folder copied from another computer?). Enter the database passphrase if it has one; otherwise the data cannot be decrypted. The file is left untouched.</source>
        <translation>La clé de la base de données n&apos;est pas dans le trousseau de mots de passe du système (a-t-il été réinitialisé, ou le dossier des données copié depuis un autre ordinateur ?). Saisissez la phrase secrète de la base si elle en a une ; sinon, les données ne peuvent pas être déchiffrées. Le fichier reste intact.</translation>
    </message>
</context>
<context>
    <name>StatusRow</name>
    <message>
        <location filename="../ui/streets/controls.py" line="+13"/>
        <source>Nothing segmented yet.</source>
        <translation>Rien de segmenté pour l&apos;instant.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel export</source>
        <translation>Annuler l&apos;exportation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the video export (the unfinished file is removed)</source>
        <translation>Arrêter l&apos;export vidéo (le fichier inachevé est supprimé)</translation>
    </message>
</context>
<context>
    <name>Stimuli</name>
    <message>
        <location filename="../ui/gaze/stimuli.py" line="+74"/>
        <source>{name}: cannot be read ({error})</source>
        <translation>{name} : lecture impossible ({error})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: not an image AlyesDesk reads (PNG, JPEG, BMP, WebP, TIFF)</source>
        <translation>{name} : ce n&apos;est pas une image lisible par AlyesDesk (PNG, JPEG, BMP, WebP, TIFF)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {w}x{h} is too large a stimulus (at most {mp} MP)</source>
        <translation>{name} : {w}x{h} est trop grand pour un stimulus (au plus {mp} Mpx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: the image cannot be decoded</source>
        <translation>{name} : l&apos;image ne peut pas être décodée</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name}: not a PDF that can be opened ({error})</source>
        <translation>{name} : ce n&apos;est pas un PDF lisible ({error})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} has {count} pages; page {page} does not exist</source>
        <translation>{name} a {count} pages ; la page {page} n&apos;existe pas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: page {page} is too large to show</source>
        <translation>{name} : la page {page} est trop grande pour être affichée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: page {page} could not be rendered</source>
        <translation>{name} : la page {page} n&apos;a pas pu être affichée</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{name}: not a video OpenCV can read</source>
        <translation>{name} : ce n&apos;est pas une vidéo qu&apos;OpenCV sait lire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {w}x{h} is too large a video (at most 3840x2160)</source>
        <translation>{name} : {w}x{h} est trop grand pour une vidéo (au plus 3840x2160)</translation>
    </message>
</context>
<context>
    <name>StimulusWindow</name>
    <message>
        <location filename="../ui/gaze/presenter.py" line="+68"/>
        <source>Stimulus: {name}</source>
        <translation>Stimulus : {name}</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <location filename="../ui/widgets/banner.py" line="+28"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Results are not being stored.&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;Les résultats ne sont pas enregistrés.&lt;/b&gt; {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;1 result was NOT stored.&lt;/b&gt;</source>
        <translation>&lt;b&gt;1 résultat n&apos;a PAS été enregistré.&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;{count} results were NOT stored.&lt;/b&gt;</source>
        <translation>&lt;b&gt;{count} résultats n&apos;ont PAS été enregistrés.&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} Last: {what}: {reason}</source>
        <translation>{count} Dernier : {what} : {reason}</translation>
    </message>
</context>
<context>
    <name>StreetsControls</name>
    <message>
        <location filename="../ui/streets/controls.py" line="-128"/>
        <source>Overlay PNG…</source>
        <translation>Superposition PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour mask PNG…</source>
        <translation>Masque coloré PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label-index PNG…</source>
        <translation>PNG des indices d&apos;étiquettes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-category areas CSV…</source>
        <translation>Surfaces par catégorie CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlaid video MP4…</source>
        <translation>Vidéo MP4 superposée…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch: a folder of images…</source>
        <translation>Lot : un dossier d&apos;images…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch: every frame of the video (masks, overlays, area CSV)…</source>
        <translation>Lot : chaque image de la vidéo (masques, superpositions, CSV des surfaces)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Under the mouse: –</source>
        <translation>Sous la souris : –</translation>
    </message>
</context>
<context>
    <name>StreetsDisplay</name>
    <message>
        <location filename="../ui/streets/display.py" line="+20"/>
        <source>Blended</source>
        <translation>Fondu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour mask</source>
        <translation>Masque coloré</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} · stopped</source>
        <translation>{name} · à l&apos;arrêt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} · paused</source>
        <translation>{name} · en pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} · playing</source>
        <translation>{name} · en lecture</translation>
    </message>
</context>
<context>
    <name>StreetsExports</name>
    <message>
        <location filename="../ui/streets/exports.py" line="-58"/>
        <source>Images and videos ({patterns});;Images ({images});;Videos ({videos});;All files (*)</source>
        <translation>Images et vidéos ({patterns});;Images ({images});;Vidéos ({videos});;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>StreetsTab</name>
    <message>
        <location filename="../ui/streets/tab.py" line="+78"/>
        <source>Drop street photos, videos or folders here, or click to choose them</source>
        <translation>Déposez ici des photos de rue, des vidéos ou des dossiers, ou cliquez pour les choisir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open or drop a street photo or video, or start the webcam.
Every pixel is coloured by category. Wheel: zoom, drag: pan, double click: fit.</source>
        <translation>Ouvrez ou déposez une photo ou une vidéo de rue, ou démarrez la webcam.
Chaque pixel est coloré selon sa catégorie. Molette : zoom, glisser : déplacer, double-clic : ajuster.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No street segmentation model is installed.</source>
        <translation>Aucun modèle de segmentation de rue n&apos;est installé.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open street images or a video</source>
        <translation>Ouvrir des images de rue ou une vidéo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No street segmentation model is installed; import one first.</source>
        <translation>Aucun modèle de segmentation de rue n&apos;est installé ; importez-en d&apos;abord un.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Playing {value}; open the other videos one at a time.</source>
        <translation>Lecture de {value} ; ouvrez les autres vidéos une par une.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Segmenting {name}…</source>
        <translation>Segmentation de {name}…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> ({value} waiting)</source>
        <translation> ({value} en attente)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source> · not stored (database locked)</source>
        <translation> · non enregistré (base de données verrouillée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · saved to History</source>
        <translation> · enregistré dans l&apos;historique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{value}: {value2}x{value3} px{stored}</source>
        <translation>{value} : {value2}x{value3} px{stored}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segmented in {value:.0f} ms</source>
        <translation>Segmenté en {value:.0f} ms</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Segmentation failed</source>
        <translation>La segmentation a échoué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segmentation failed.</source>
        <translation>La segmentation a échoué.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some files could not be used (listed above).</source>
        <translation>Certains fichiers n&apos;ont pas pu être utilisés (liste ci-dessus).</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{name} ({width}x{height}, {fps:.0f} fps)</source>
        <translation>{name} ({width}x{height}, {fps:.0f} i/s)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the webcam</source>
        <translation>la webcam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Webcam</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>segmenting images</source>
        <translation>segmentation d&apos;images</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Playing {what}…</source>
        <translation>Lecture de {what}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{value:.1f} frames/s segmentation</source>
        <translation>segmentation à {value:.1f} images/s</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name}: end of video ({processed} frames segmented). Export &gt; Overlaid video MP4 writes every frame.</source>
        <translation>{name} : fin de la vidéo ({processed} images segmentées). Exporter &gt; Vidéo MP4 superposée écrit chaque image.</translation>
    </message>
</context>
<context>
    <name>StudiesPanel</name>
    <message>
        <location filename="../ui/gaze/studies.py" line="+54"/>
        <source>AOI</source>
        <translation>Zone d&apos;intérêt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stimulus</source>
        <translation>stimulus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sessions</source>
        <translation>sessions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>looked</source>
        <translation>regardée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TTFF s</source>
        <translation>délai 1re fix. (s)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>first fix. s</source>
        <translation>durée 1re fix. (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dwell s</source>
        <translation>durée totale (s)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>share</source>
        <translation>part</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fixations</source>
        <translation>fixations</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revisits</source>
        <translation>retours</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The image, PDF page or video shown to the participant</source>
        <translation>L&apos;image, la page de PDF ou la vidéo montrée au participant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add stimulus…</source>
        <translation>Ajouter un stimulus…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An image, a page of a PDF or a video, shown fullscreen while recording</source>
        <translation>Une image, une page de PDF ou une vidéo, affichée en plein écran pendant l&apos;enregistrement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stimulus fullscreen while recording</source>
        <translation>Afficher le stimulus en plein écran pendant l&apos;enregistrement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cover the screen with the stimulus while a session records</source>
        <translation>Couvrir l&apos;écran avec le stimulus pendant l&apos;enregistrement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code of the participant, stored with the session</source>
        <translation>Code du participant, enregistré avec la session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. P07</source>
        <translation>p. ex. P07</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of the study, stored with the session</source>
        <translation>Nom de l&apos;étude, enregistré avec la session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. landing page test</source>
        <translation>p. ex. test de la page d&apos;accueil</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+129"/>
        <source>Stimulus</source>
        <translation>Stimulus</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Study</source>
        <translation>Étude</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select an area of interest to move or resize it</source>
        <translation>Sélectionner une zone d&apos;intérêt pour la déplacer ou la redimensionner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag to draw a rectangular area of interest</source>
        <translation>Glisser pour dessiner une zone d&apos;intérêt rectangulaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click the corners of an area of interest; double-click to close it</source>
        <translation>Cliquer les coins d&apos;une zone d&apos;intérêt ; double-cliquer pour la fermer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select / move</source>
        <translation>Sélectionner / déplacer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete AOI</source>
        <translation>Supprimer la zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected area of interest</source>
        <translation>Supprimer la zone d&apos;intérêt sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load AOIs…</source>
        <translation>Charger des zones…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load areas of interest from a JSON file</source>
        <translation>Charger des zones d&apos;intérêt depuis un fichier JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save AOIs…</source>
        <translation>Enregistrer les zones…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the areas of interest to a JSON file</source>
        <translation>Enregistrer les zones d&apos;intérêt dans un fichier JSON</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only the sessions of this study count (empty: every session)</source>
        <translation>Seules les sessions de cette étude comptent (vide : toutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>study (empty: every session)</source>
        <translation>étude (vide : toutes les sessions)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute metrics</source>
        <translation>Calculer les mesures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to first look, dwell and visits of each area over the recorded sessions</source>
        <translation>Délai du premier regard, durée et visites de chaque zone sur les sessions enregistrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the metrics as CSV</source>
        <translation>Enregistrer les mesures en CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw AOIs, then compute their metrics over the recorded sessions.</source>
        <translation>Dessinez des zones d&apos;intérêt, puis calculez leurs mesures sur les sessions enregistrées.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mean dwell</source>
        <translation>durée moyenne</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sessions of</source>
        <translation>Sessions de</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The screen</source>
        <translation>L&apos;écran</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Images, PDFs and videos</source>
        <translation>Images, PDF et vidéos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PDF page</source>
        <translation>Page du PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Page (1-{count})</source>
        <translation>Page (1-{count})</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&apos;{strip}&apos; cannot be used: AOI names are unique and not empty.</source>
        <translation>« {strip} » est impossible : les noms de zones sont uniques et non vides.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add the stimuli {value} to see their AOIs (they are kept).</source>
        <translation>Ajoutez les stimulus {value} pour voir leurs zones (elles sont conservées).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The AOIs could not be saved: {exc}</source>
        <translation>Les zones n&apos;ont pas pu être enregistrées : {exc}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load AOIs</source>
        <translation>Charger des zones</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>AOI files</source>
        <translation>Fichiers de zones d&apos;intérêt</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save AOIs</source>
        <translation>Enregistrer les zones</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Metrics need the database (it is locked).</source>
        <translation>Les mesures ont besoin de la base de données (elle est verrouillée).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw or load AOIs first.</source>
        <translation>Dessinez ou chargez d&apos;abord des zones.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{sessions} session(s) measured.</source>
        <translation>{sessions} session(s) mesurée(s).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No recorded session showed a stimulus with these AOIs.</source>
        <translation>Aucune session enregistrée n&apos;a montré de stimulus avec ces zones.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Export AOI metrics</source>
        <translation>Exporter les mesures des zones</translation>
    </message>
</context>
<context>
    <name>SystemInput</name>
    <message>
        <location filename="../ui/gaze/system_input.py" line="+34"/>
        <source>pynput is not installed: {command}</source>
        <translation>pynput n&apos;est pas installé : {command}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pynput cannot reach the display: {error}</source>
        <translation>pynput ne peut pas accéder à l&apos;affichage : {error}</translation>
    </message>
</context>
<context>
    <name>TabCommands</name>
    <message>
        <location filename="../ui/tab_commands.py" line="+31"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{command}: not available in this tab now</source>
        <translation>{command} : indisponible dans cet onglet pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>TabOpeners</name>
    <message>
        <location filename="../ui/tab_openers.py" line="+34"/>
        <source>{file} is no longer there (moved or deleted)</source>
        <translation>{file} n&apos;est plus là (déplacé ou supprimé)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This tab cannot open files</source>
        <translation>Cet onglet ne peut pas ouvrir de fichiers</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <location filename="../ui/tabs.py" line="+22"/>
        <source>Gaze</source>
        <translation>Regard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Track where you look on screen with your webcam: calibrate, see a live gaze cursor and heatmap, record sessions and export heatmaps and CSV.</source>
        <translation>Suivez où vous regardez à l&apos;écran avec votre webcam : calibrez, voyez en direct le curseur du regard et la carte de chaleur, enregistrez des sessions et exportez cartes de chaleur et CSV.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waste sorting</source>
        <translation>Tri des déchets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop photos of waste items: the material is recognised and the right bin for your region is advised; correct wrong answers and export the corrections as a dataset.</source>
        <translation>Déposez des photos de déchets : la matière est reconnue et la bonne poubelle pour votre région est indiquée ; corrigez les erreurs et exportez les corrections comme jeu de données.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop scans or PDFs: handwritten signatures are found, boxed and counted; unsigned documents are flagged, and a folder can be checked in one batch with a report.</source>
        <translation>Déposez des scans ou des PDF : les signatures manuscrites sont trouvées, encadrées et comptées ; les documents non signés sont signalés, et un dossier entier peut être vérifié d&apos;un coup, avec un rapport.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Street segmentation</source>
        <translation>Segmentation de rue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a street image or video: every pixel is coloured by category (flat, human, vehicle, construction, object, nature, sky, void) with a legend and per-category area.</source>
        <translation>Ouvrez une image ou une vidéo de rue : chaque pixel est coloré selon sa catégorie (sol, personne, véhicule, bâti, objet, nature, ciel, vide), avec une légende et la surface de chaque catégorie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every stored result, across capabilities.</source>
        <translation>Tous les résultats enregistrés, tous outils confondus.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../ui/streets/timeline.py" line="+27"/>
        <location line="+40"/>
        <location line="+17"/>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Play or pause the video</source>
        <translation>Lire ou mettre en pause la vidéo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag or click to seek</source>
        <translation>Faites glisser ou cliquez pour vous déplacer</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+17"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>{value} / {value2} · frame {value3}/{total}</source>
        <translation>{value} / {value2} · image {value3}/{total}</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <location filename="../ui/streets/controls.py" line="+13"/>
        <source>Open images or video…</source>
        <translation>Ouvrir des images ou une vidéo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment street photos or a video (Ctrl+O)</source>
        <translation>Segmenter des photos de rue ou une vidéo (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webcam</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Segment the webcam live</source>
        <translation>Segmenter la webcam en direct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause or resume the video or webcam</source>
        <translation>Mettre en pause ou reprendre la vidéo ou la webcam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the video or webcam</source>
        <translation>Arrêter la vidéo ou la webcam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images segmented in this session</source>
        <translation>Images segmentées pendant cette session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the image with the categories over it, or either alone</source>
        <translation>Afficher l&apos;image avec les catégories par-dessus, ou l&apos;une des deux seule</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How strongly the category colours cover the image</source>
        <translation>Force avec laquelle les couleurs des catégories couvrent l&apos;image</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Input:</source>
        <translation>Entrée :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View:</source>
        <translation>Vue :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opacity:</source>
        <translation>Opacité :</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <location filename="../ui/help.py" line="+41"/>
        <source>AlyesDesk user guide</source>
        <translation>Guide d&apos;utilisation d&apos;AlyesDesk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The page shown before this one</source>
        <translation>La page affichée avant celle-ci</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The overview of the guide</source>
        <translation>Le sommaire du guide</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the guide (Esc)</source>
        <translation>Fermer le guide (Échap)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This guide works offline: {link} is not opened.</source>
        <translation>Ce guide fonctionne hors ligne : {link} n&apos;est pas ouvert.</translation>
    </message>
</context>
<context>
    <name>VideoExport</name>
    <message>
        <location filename="../ui/streets/exports.py" line="+111"/>
        <source>exporting the overlaid video {name}</source>
        <translation>exportation de la vidéo superposée {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exporting a batch</source>
        <translation>exportation d&apos;un lot</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{done}/{total} frames</source>
        <translation>{done}/{total} images</translation>
    </message>
</context>
<context>
    <name>WasteCamera</name>
    <message>
        <location filename="../ui/waste/camera.py" line="-79"/>
        <source>No camera could be opened</source>
        <translation>Aucune caméra n&apos;a pu être ouverte</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Camera error: {message}</source>
        <translation>Erreur de caméra : {message}</translation>
    </message>
</context>
<context>
    <name>WasteProjects</name>
    <message>
        <location filename="../ui/waste/projects.py" line="-392"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>WasteTab</name>
    <message>
        <location filename="../ui/waste/tab.py" line="+72"/>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify photos (Ctrl+O)</source>
        <translation>Classer des photos (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify every photo of a folder</source>
        <translation>Classer toutes les photos d&apos;un dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify image files or an image from the clipboard (Ctrl+V)</source>
        <translation>Classer des fichiers image ou une image du presse-papiers (Ctrl+V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export corrections as dataset…</source>
        <translation>Exporter les corrections…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the corrected photos into one folder per label, ready for training</source>
        <translation>Copier les photos corrigées dans un dossier par étiquette, prêtes pour l&apos;entraînement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty the list (stored results stay in History)</source>
        <translation>Vider la liste (les résultats enregistrés restent dans l&apos;Historique)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drop photos or folders here: each item gets its material and the bin to use</source>
        <translation>Déposez ici des photos ou des dossiers : chaque objet reçoit sa matière et la poubelle à utiliser</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the batch; the photos already classified stay</source>
        <translation>Arrêter le lot ; les photos déjà classées restent</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+250"/>
        <source>No photos yet.</source>
        <translation>Aucune photo pour l&apos;instant.</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach</source>
        <translation>Apprendre</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No classifier available: {exc}</source>
        <translation>Aucun classifieur disponible : {exc}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model: {name} {version}</source>
        <translation>Modèle : {name} {version}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy {value:.0%} over {value2} materials</source>
        <translation>précision de test {value:.0%} sur {value2} matières</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;not sure&apos; below {value:.0%}</source>
        <translation>« incertain » sous {value:.0%}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>results are NOT stored (database locked)</source>
        <translation>les résultats ne sont PAS enregistrés (base de données verrouillée)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Add photos of waste</source>
        <translation>Ajouter des photos de déchets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images ({patterns});;All files (*)</source>
        <translation>Images ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a folder of photos</source>
        <translation>Ajouter un dossier de photos</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The clipboard holds no image and no image file</source>
        <translation>Le presse-papiers ne contient ni image ni fichier image</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pasted or dropped data is not a readable image</source>
        <translation>Les données collées ou déposées ne sont pas une image lisible</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save the pasted image to {target}</source>
        <translation>Impossible d&apos;enregistrer l&apos;image collée dans {target}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{value} more item(s) queued after this batch</source>
        <translation>{value} élément(s) de plus en attente après ce lot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Classifying…</source>
        <translation>Classement…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Classification failed</source>
        <translation>Échec du classement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waste sorting failed: {message}</source>
        <translation>Le tri des déchets a échoué : {message}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export corrected photos (one folder per material)</source>
        <translation>Exporter les photos corrigées (un dossier par matière)</translation>
    </message>
</context>
<context>
    <name>WasteUndo</name>
    <message>
        <location filename="../ui/waste/undo.py" line="+25"/>
        <source>label {name} as {label}</source>
        <translation>étiqueter {name} comme {label}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>remove {name}</source>
        <translation>retirer {name}</translation>
    </message>
</context>
</TS>
